package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.OptionalInt;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.Family;
import org.elusive.catalog.Steps;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.TaskSource;
import org.elusive.scoring.ScoringOptions;
import org.elusive.rows.ChoiceRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep machinery in-process with the model-free backend: order, shards, resume, fingerprints, failures. */
class SweepTest {
    @TempDir Path tmp;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    static SweepArgs args(List<String> sizes, List<String> tasks, Path dataDir) {
        return new SweepArgs(new SweepArgs.Selection("fake", sizes, Steps.parse("0,2000"), Family.Counts.EXACT, null), tasks,
                new TaskSource(dataDir, null, OptionalInt.empty(), OptionalInt.of(11)), null,
                Optional.of(DeviceSpec.parse("cpu")), Optional.empty(), ScoringOptions.defaults(), SweepArgs.Prefetch.AUTO);
    }

    List<Unit> plan(SweepArgs a) throws Exception {
        return SweepPlan.units(new FakeBackend().checkpoints(a), a.tasks());
    }

    Sweep.Outcome run(Path out, SweepArgs a, UnitRunner runner, int every) throws Exception {
        List<Unit> units = plan(a);
        return new Sweep(out, runner, Aggregator.NONE, new Sweep.Options(every, 1), log).run(units, units);
    }

    /** Every row of every completed unit, in unit order. */
    static List<ChoiceRow> allRows(Path out) {
        List<ChoiceRow> rows = new ArrayList<>();
        for (Path f : new UnitStore(out).doneUnitFiles()) rows.addAll(Tables.readChoices(f));
        return rows;
    }

    static void assertSameRows(List<ChoiceRow> expected, List<ChoiceRow> actual) {
        assertEquals(expected.size(), actual.size(), "row count");
        for (int i = 0; i < expected.size(); i++) {
            ChoiceRow e = expected.get(i), a = actual.get(i);
            assertEquals(strip(e), strip(a), "row " + i);
            assertTrue(java.util.Arrays.equals(e.tokenLogprobs(), a.tokenLogprobs()), "token_logprobs of row " + i);
        }
    }

    static ChoiceRow strip(ChoiceRow r) {
        return new ChoiceRow(r.family(), r.model(), r.revision(), r.params(), r.tokens(), r.compute(), r.task(), r.docId(),
                r.choice(), r.gold(), r.logprob(), r.nTokens(), r.nChars(), r.nBytes(), r.greedy(), null);
    }

    @Test void unitsAreSortedByCheckpointAndIndependentOfListingOrder() {
        Checkpoint big = new Checkpoint("f", "o/m-2m", "step10", 2_000_000, 10);
        Checkpoint smallLate = new Checkpoint("f", "o/m-1m", "step10", 1_000_000, 10);
        Checkpoint smallEarly = new Checkpoint("f", "o/m-1m", "step1", 1_000_000, 1);
        List<Unit> a = SweepPlan.units(List.of(big, smallLate, smallEarly), List.of("x", "y"));
        List<Unit> b = SweepPlan.units(List.of(smallEarly, big, smallLate, big), List.of("x", "y"));
        assertEquals(a, b);
        assertEquals(List.of("f/o--m-1m/step1/x", "f/o--m-1m/step1/y", "f/o--m-1m/step10/x", "f/o--m-1m/step10/y",
                "f/o--m-2m/step10/x", "f/o--m-2m/step10/y"), a.stream().map(Unit::id).toList());
    }

    @Test void shardsPartitionUnitsAndKeepCheckpointsTogether() throws Exception {
        List<Unit> all = plan(args(List.of("1m", "2m", "3m"), List.of("a", "b", "c"), null));
        assertEquals(18, all.size());
        for (int n : new int[] {1, 2, 4, 7}) {
            Set<Unit> union = new HashSet<>();
            for (int i = 0; i < n; i++) {
                List<Unit> mine = SweepPlan.shard(all, new Shard(i, n));
                for (Unit u : mine) {
                    assertTrue(union.add(u), "unit in two shards: " + u);
                    assertTrue(mine.stream().filter(v -> v.checkpoint().equals(u.checkpoint())).count() == 3,
                            "all tasks of a checkpoint on one shard");
                }
            }
            assertEquals(new HashSet<>(all), union, "shards of " + n + " cover every unit");
        }
        assertEquals(new Shard(3, 8), Shard.parse("3/8"));
        for (String bad : new String[] {"8/8", "-1/2", "1", "a/b", "1/0"}) {
            assertEquals("org.elusive.core.BadInputException",
                    org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Shard.parse(bad)).getClass().getName());
        }
    }

    /** A runner that dies (like a crash) after scoring a given number of chunks in this run. */
    static final class CrashingRunner implements UnitRunner {
        final UnitRunner inner;
        int chunksLeft;

        CrashingRunner(UnitRunner inner, int chunks) { this.inner = inner; this.chunksLeft = chunks; }

        @Override public Fingerprint fingerprint(Unit u) throws Exception { return inner.fingerprint(u); }

        @Override public Prepared prepare(Unit u) throws Exception {
            Prepared p = inner.prepare(u);
            return new Prepared() {
                @Override public int size() { return p.size(); }

                @Override public List<ChoiceRow> score(int from, int to) throws Exception {
                    if (chunksLeft-- <= 0) throw new Crash();
                    return p.score(from, to);
                }
            };
        }
    }

    static final class Crash extends Error {}

    @Test void theRunnerHearsOfTheUnitsLeftToRunInOrder() throws Exception {
        SweepArgs a = args(List.of("1m", "9m"), List.of("a", "b"), null);
        List<Unit> units = plan(a);   // 1m × 2 steps × 2 tasks, then the same for 9m, which is never on disk
        UnitRunner fake = new FakeBackend().runner(a);
        List<List<Unit>> heard = new ArrayList<>();
        UnitRunner listening = new UnitRunner() {
            @Override public void upcoming(List<Unit> us) { heard.add(us); }

            @Override public Fingerprint fingerprint(Unit u) throws Exception { return fake.fingerprint(u); }

            @Override public Prepared prepare(Unit u) throws Exception { return fake.prepare(u); }
        };
        Path out = tmp.resolve("out");
        run(out, a, listening, 4);
        run(out, a, listening, 4);
        assertEquals(List.of(units, units.subList(4, 8)), heard, "done units left out, failed ones kept, in order");
        assertTrue(units.subList(4, 8).stream().allMatch(u -> u.checkpoint().model().endsWith("-9m")));
    }

    @Test void resumesAfterACrashWithoutLosingOrDuplicatingRows() throws Exception {
        SweepArgs a = args(List.of("1m", "2m"), List.of("a", "b"), null);
        Path clean = tmp.resolve("clean"), crashed = tmp.resolve("crashed");
        Sweep.Outcome o = run(clean, a, new FakeBackend().runner(a), 4);
        assertEquals(8, o.completed());
        // 11 requests in chunks of 4 = 3 parts per unit: crash in the middle of the second unit
        org.junit.jupiter.api.Assertions.assertThrows(Crash.class, () -> run(crashed, a, new CrashingRunner(new FakeBackend().runner(a), 4), 4));
        UnitStore store = new UnitStore(crashed);
        List<Unit> units = plan(a);
        assertTrue(store.done(units.get(0)).isPresent());
        assertFalse(store.done(units.get(1)).isPresent());
        assertEquals(1, store.resumeParts(units.get(1), Sweep.fingerprint(new FakeBackend().runner(a), units.get(1)).id()).size(),
                "one part of the second unit saved");
        logBytes.reset();
        Sweep.Outcome resumed = run(crashed, a, new FakeBackend().runner(a), 4);
        assertEquals(7, resumed.completed());
        assertEquals(1, resumed.skipped());
        assertTrue(logBytes.toString().contains("resuming after request 4 of 11"), logBytes.toString());
        assertSameRows(allRows(clean), allRows(crashed));
        assertEquals(8 * 11 * 3, allRows(crashed).size());   // 11 docs × (4 choices for a, 2 for b) × 4 checkpoints
        try (Stream<Path> left = Files.walk(crashed)) {
            assertEquals(List.of(), left.filter(p -> p.toString().contains(".parts") || p.getFileName().toString().endsWith(".tmp")).toList(),
                    "parts and temp files are gone once units complete");
        }
    }

    @Test void rerunSkipsDoneUnitsAndRedoesChangedFingerprints() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        SweepArgs a = args(List.of("1m"), List.of("a", "b"), data);
        Path out = tmp.resolve("out");
        assertEquals(4, run(out, a, new FakeBackend().runner(a), 5).completed());
        // a kill between the commit mark and the removal of the parts leaves them behind: a rerun removes them
        Unit first = plan(a).get(0);
        UnitStore store = new UnitStore(out);
        Files.createDirectories(store.partsDir(first));
        Files.writeString(store.partsDir(first).resolve("part-000000000-000000005.parquet"), "stale");
        Files.writeString(store.unitFile(first).resolveSibling(".a.parquet.123.tmp"), "torn");
        Sweep.Outcome again = run(out, a, new FakeBackend().runner(a), 5);
        assertFalse(Files.exists(store.partsDir(first)));
        assertFalse(Files.exists(store.unitFile(first).resolveSibling(".a.parquet.123.tmp")));
        assertEquals(0, again.completed());
        assertEquals(4, again.skipped());
        Files.writeString(data.resolve("b.version"), "2");   // task b's config changed
        Sweep.Outcome changed = run(out, a, new FakeBackend().runner(a), 5);
        assertEquals(2, changed.completed());
        assertEquals(2, changed.skipped());
        assertTrue(logBytes.toString().contains("fingerprint changed, redoing"));
    }

    @Test void failuresAreRecordedAndTheSweepGoesOn() throws Exception {
        SweepArgs a = args(List.of("1m", "9m"), List.of("a", "broken"), null);
        Path out = tmp.resolve("out");
        Sweep.Outcome o = run(out, a, new FakeBackend().runner(a), 5);
        assertEquals(2, o.completed());   // 1m × a at both steps
        assertEquals(6, o.failures().size());
        String missing = o.failures().stream().filter(f -> f.kind().equals("missing")).findFirst().orElseThrow().error();
        assertTrue(missing.contains("huggingface-cli download fake/fake-9m --revision step0"), missing);
        UnitStore store = new UnitStore(out);
        List<SweepStatus.Row> status = SweepStatus.of(store, SweepPlan.read(out));
        assertEquals(8, status.size());
        assertEquals(List.of("done", "failed", "done", "failed", "missing", "missing", "missing", "missing"),
                status.stream().map(SweepStatus.Row::state).toList());
        assertTrue(status.get(1).detail().contains("doc 7 is broken"));
        // the broken unit kept its first part (requests 0-4): a rerun would resume there
        assertTrue(Files.exists(store.partsDir(status.get(1).unit()).resolve("part-000000000-000000005.parquet")));
    }

    @Test void aUnitLockedByAnotherHolderIsLeftAlone() throws Exception {
        SweepArgs a = args(List.of("1m"), List.of("a"), null);
        Path out = tmp.resolve("out");
        List<Unit> units = plan(a);
        UnitStore store = new UnitStore(out);
        try (UnitStore.UnitLock held = store.tryLock(units.get(0)).orElseThrow()) {
            assertTrue(store.tryLock(units.get(0)).isEmpty());
            assertEquals("running", SweepStatus.row(store, units.get(0)).state());
            Sweep.Outcome o = run(out, a, new FakeBackend().runner(a), 5);
            assertEquals(1, o.busy());
            assertEquals(1, o.completed());
        }
        assertEquals(1, run(out, a, new FakeBackend().runner(a), 5).completed());
    }

    static String captureOut(java.util.concurrent.Callable<Integer> call, int[] rc) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            rc[0] = call.call();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test void statusTableAndExitCodes() throws Exception {
        Path out = tmp.resolve("out");
        SweepArgs a = args(List.of("1m", "9m"), List.of("a", "broken"), null);
        run(out, a, new FakeBackend().runner(a), 5);
        int[] rc = new int[1];
        String table = captureOut(() -> org.elusive.cli.Main.run("sweep", "--status", "--out", out.toString()), rc);
        assertEquals(1, rc[0], table);   // failed units
        assertTrue(table.contains("fake/fake--fake-1m/step0/a") && table.contains("done      44 rows"), table);
        assertTrue(table.contains("fake/fake--fake-9m/step2000/broken  missing   checkpoint fake/fake-9m@step2000"), table);
        assertTrue(table.contains("total 8, done 2, running 0, partial 0, pending 0, failed 2, missing 4"), table);

        assertEquals(2, org.elusive.cli.Main.run("sweep", "--status", "--out", tmp.resolve("nothing").toString()));
        assertEquals(2, org.elusive.cli.Main.run("sweep", "--out", out.toString(), "--tasks", "a"));   // no --family
        FakeBackend fake = new FakeBackend();
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "fake", "--tasks", "a", "--shard", "2/2", "--out", out.toString())));
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "nope", "--tasks", "a", "--out", out.toString())));
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "fake", "--sizes", "7m", "--tasks", "a", "--out", out.toString())));
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "fake", "--tasks", "a", "--checkpoint-every", "0", "--out", out.toString())));
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "fake", "--tasks", "a", "--counts", "rounded", "--out", out.toString())));
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "fake", "--tasks", "a", "--dtype", "bf16", "--out", out.toString())));
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "fake", "--tasks", "a", "--steps", "0", "--every", "2", "--out", out.toString())));
        assertEquals(2, TestSweepMain.run(fake, List.of("sweep", "--family", "fake", "--tasks", "a", "--prefetch", "sometimes", "--out", out.toString())));
    }

    @Test void prefetchReachesTheRunnerTyped() {
        FakeBackend fake = new FakeBackend();
        List<SweepArgs.Prefetch> seen = new ArrayList<>();
        SweepBackend listening = new SweepBackend() {
            @Override public List<Checkpoint> checkpoints(SweepArgs a) { return fake.checkpoints(a); }

            @Override public List<String> tasks(SweepArgs a) { return fake.tasks(a); }

            @Override public UnitRunner runner(SweepArgs a) {
                seen.add(a.prefetch());
                return fake.runner(a);
            }

            @Override public Aggregator aggregator(SweepArgs a) { return Aggregator.NONE; }
        };
        for (String value : new String[] {null, "OFF", "on"}) {
            List<String> cli = new ArrayList<>(List.of("sweep", "--family", "fake", "--sizes", "1m", "--steps", "0", "--tasks", "a",
                    "--out", tmp.resolve("p" + seen.size()).toString()));
            if (value != null) cli.addAll(List.of("--prefetch", value));
            assertEquals(0, TestSweepMain.run(listening, cli));
        }
        assertEquals(List.of(SweepArgs.Prefetch.AUTO, SweepArgs.Prefetch.OFF, SweepArgs.Prefetch.ON), seen);
    }
}
