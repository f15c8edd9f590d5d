package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at the commit point (the last unit's done.json written, its tables not yet): a rerun, or
 * just {@code --status}, must rebuild the tables and figures from every done unit and sweep the
 * killed writer's temp files, instead of reporting "8 already done" over tables lacking a unit.
 */
class CrashConsistencyTest {
    @TempDir Path tmp;

    @Test @Timeout(300)
    void killAtTheCommitPointThenRerunOrStatusRebuildsTheTables() throws Exception {
        Path reference = SweepProcesses.baseline(), killed = tmp.resolve("killed"), log = tmp.resolve("killed.log");
        Process p = SweepProcesses.start("commit-point", 0, SweepProcessTest.sweepArgs(killed, "--aggregate-interval", "0"), log);
        assertTrue(SweepProcesses.await(p, () -> SweepProcesses.read(log).contains(CommitPointBackend.HOLDING)),
                SweepProcesses.read(log));
        p.destroyForcibly().waitFor();
        // the hazard is real: every unit is committed, the tables lack the last one
        assertEquals(8, SweepProcesses.doneCount(killed));
        assertEquals(7 * 12, Tables.readScores(killed.resolve("scores.parquet")).size(), "scores of 7 units of 12 docs");
        assertFalse(Files.exists(killed.resolve(BuiltFrom.FILE)));
        Path statusOnly = tmp.resolve("status-only");
        RealSweepTest.copyTree(killed, statusOnly);

        Path rerunLog = tmp.resolve("rerun.log");
        assertEquals(0, SweepProcessTest.runToEnd(SweepProcessTest.sweepArgs(killed), rerunLog));
        String text = SweepProcesses.read(rerunLog);
        assertTrue(text.contains("sweep: tables updated from 8 completed units"), text);
        assertTrue(text.contains("sweep: 0 completed, 8 already done, 0 busy elsewhere, 0 failed"), text);
        assertRebuilt(reference, killed);

        // tables built from exactly the done units: a further run leaves them alone
        Path again = tmp.resolve("again.log");
        assertEquals(0, SweepProcessTest.runToEnd(SweepProcessTest.sweepArgs(killed), again));
        assertFalse(SweepProcesses.read(again).contains("tables updated"), SweepProcesses.read(again));

        String status = statusOutput(statusOnly);
        assertTrue(status.startsWith("0 "), status);
        assertTrue(status.contains("total 8, done 8,"), status);
        assertTrue(status.contains("sweep: tables updated from 8 completed units"), status);
        assertRebuilt(reference, statusOnly);
    }

    @Test void statusLeavesTablesThatAnotherProcessIsUpdatingToIt() throws Exception {
        Path dir = tmp.resolve("stale");
        RealSweepTest.copyTree(SweepProcesses.baseline(), dir);
        Files.delete(dir.resolve(BuiltFrom.FILE));   // as after a kill mid-update
        try (UnitStore.UnitLock held = UnitStore.tryLock(dir.resolve(".aggregate.lock")).orElseThrow()) {
            String busy = statusOutput(dir);
            assertTrue(busy.startsWith("0 ") && busy.endsWith("\nsweep: tables are being updated by another process\n"), busy);
            assertFalse(Files.exists(dir.resolve(BuiltFrom.FILE)));
        }
        String after = statusOutput(dir);
        assertTrue(after.startsWith("0 ") && after.matches(
                "(?s).*\nsweep: tables updated from 8 completed units in [0-9.]+ s \\(\\d+ groups correlated, \\d+ unchanged\\)\n"), after);
        assertTrue(Files.exists(dir.resolve(BuiltFrom.FILE)));
    }

    /** Exit code, then the output of {@code elusive sweep --status --out dir} in-process with the fake backend. */
    private static String statusOutput(Path dir) {
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            int rc = TestSweepMain.run(new FakeBackend(), List.of("sweep", "--status", "--out", dir.toString()));
            return rc + " " + captured;
        } finally {
            System.setOut(old);
        }
    }

    private static void assertRebuilt(Path reference, Path dir) throws Exception {
        AggregateAssertions.assertSameTables(reference, dir);
        Set<String> figures = names(reference.resolve("figures"));
        assertEquals(18, figures.size(), "2 tasks × 3 methods × png, svg, csv");
        assertEquals(figures, names(dir.resolve("figures")), "figures back, scratch directory gone");
        Set<String> temps = names(dir).stream().filter(n -> n.startsWith(".tmp-") || n.endsWith(".tmp"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), temps, "temp files of the killed writer");
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
