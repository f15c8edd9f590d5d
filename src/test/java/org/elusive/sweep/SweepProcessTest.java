package org.elusive.sweep;

import static org.elusive.sweep.SweepProcesses.await;
import static org.elusive.sweep.SweepProcesses.doneCount;
import static org.elusive.sweep.SweepProcesses.parts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes with the model-free backend: SIGKILL in the middle of a unit, then resume; and
 * shards (including an overlapping one) running concurrently into one directory.
 */
class SweepProcessTest {
    static final String FAKE = "fake";
    @TempDir Path tmp;

    static List<String> sweepArgs(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("--family", "fake", "--sizes", "1m,2m", "--steps", "0,2000",
                "--tasks", "a,b", "--limit", "12", "--checkpoint-every", "4", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    static int runToEnd(List<String> args, Path log) throws Exception {
        Process p = SweepProcesses.start(FAKE, 0, args, log);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sweep did not finish: " + SweepProcesses.read(log));
        return p.exitValue();
    }

    /** Starts the real CLI (no test backend) on the tiny family. */
    static Process startReal(List<String> args, Path log) throws Exception {
        return SweepProcesses.start(null, 0, args, log);
    }

    @Test @Timeout(400)
    void killMinus9MidUnitThenResumeGivesTheUninterruptedTables() throws Exception {
        TinyFamily world = SweepProcesses.world();
        Path clean = SweepProcesses.realBaseline(), killed = tmp.resolve("killed"), log = tmp.resolve("killed.log");
        assertEquals(8, doneCount(clean));

        // first kill: while the first unit is between parts (it pauses after each of its 3 parts)
        // per-unit table updates are covered by the in-process baseline; here they would only cost time
        Process p = SweepProcesses.start("real", 1000, world.sweepArgs(killed, 3, "--aggregate-every", "0"), log);
        assertTrue(await(p, () -> parts(killed).size() >= 2), "no part file appeared: " + SweepProcesses.read(log));
        p.destroyForcibly().waitFor();
        assertEquals(0, doneCount(killed), "killed in the middle of the first unit");
        assertEquals(2, parts(killed).size(), "parts saved before the kill (of 3)");

        // second kill: at an arbitrary moment of a later unit, not waiting for a pause
        p = startReal(world.sweepArgs(killed, 3, "--aggregate-every", "0"), log);
        assertTrue(await(p, () -> doneCount(killed) >= 2 && !parts(killed).isEmpty()), SweepProcesses.read(log));
        p.destroyForcibly().waitFor();
        long doneBefore = doneCount(killed);
        assertTrue(doneBefore >= 2 && doneBefore < 8, "done units at the second kill: " + doneBefore);

        p = startReal(world.sweepArgs(killed, 3, "--aggregate-every", "0"), log);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), SweepProcesses.read(log));
        assertEquals(0, p.exitValue(), SweepProcesses.read(log));
        String text = SweepProcesses.read(log);
        assertTrue(text.contains("resuming after request 6 of 9"), text);
        assertEquals(8, doneCount(killed));
        SweepTest.assertSameRows(SweepTest.allRows(clean), SweepTest.allRows(killed));
        assertEquals(4 * 9 * 5, SweepTest.allRows(killed).size());
        assertTrue(parts(killed).isEmpty());
        AggregateAssertions.assertSameTables(clean, killed);
    }

    @Test @Timeout(300)
    void concurrentAndOverlappingShardsEqualASingleRun() throws Exception {
        Path single = SweepProcesses.baseline(), shared = tmp.resolve("shared");
        List<Process> procs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (String shard : new String[] {"0/2", "1/2", "0/1"}) {   // 0/1 overlaps both others
            Path log = tmp.resolve("shard-" + shard.replace('/', '-') + ".log");
            logs.add(log);
            procs.add(SweepProcesses.start(FAKE, 30, sweepArgs(shared, "--shard", shard, "--aggregate-every", "2"), log));
        }
        for (int i = 0; i < procs.size(); i++) {
            assertTrue(procs.get(i).waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, procs.get(i).exitValue(), SweepProcesses.read(logs.get(i)));
        }
        assertEquals(8, doneCount(shared));
        SweepTest.assertSameRows(SweepTest.allRows(single), SweepTest.allRows(shared));
        AggregateAssertions.assertSameTables(single, shared);
        String all = "";
        for (Path l : logs) all += SweepProcesses.read(l);
        // every unit was scored exactly once over the three processes
        long scored = all.lines().filter(l -> l.matches(".*: done, \\d+ rows")).count();
        assertEquals(8, scored, all);
        assertFalse(Files.exists(shared.resolve("choices").resolve("fake").resolve("fake--fake-1m").resolve("step0").resolve("a.parts")));
    }
}
