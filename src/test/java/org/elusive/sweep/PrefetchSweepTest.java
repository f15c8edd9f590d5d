package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.catalog.Family;
import org.elusive.catalog.Steps;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.LoadedModel;
import org.elusive.eval.TaskSource;
import org.elusive.rows.ChoiceRow;
import org.elusive.scoring.ScoringOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runner over the tiny family with a loader and a scorer that record what happens: with
 * prefetch on, each next checkpoint's load starts before the current checkpoint has scored a part;
 * with it off, nothing loads ahead; the rows are the same either way (and the same as the CLI's).
 */
class PrefetchSweepTest {
    @TempDir Path tmp;

    /** What happened, in order: "load i" when checkpoint i's load starts, "scored i" when a part of it is scored. */
    private final List<String> events = new ArrayList<>();
    private final Map<Path, Integer> index = new LinkedHashMap<>();
    private final Map<Integer, CountDownLatch> loadStarted = new LinkedHashMap<>();

    @Test void nextCheckpointLoadsWhileTheCurrentOneScores() throws Exception {
        Path out = run(SweepArgs.Prefetch.ON, true);
        assertEquals(List.of("load 0", "load 1", "load 2", "load 3"), loads(), "each checkpoint loaded once, in order");
        for (int k = 0; k + 1 < index.size(); k++) {
            assertTrue(events.indexOf("load " + (k + 1)) < events.indexOf("scored " + k),
                    "checkpoint " + (k + 1) + " started loading before checkpoint " + k + " scored its first part: " + events);
        }
        SweepTest.assertSameRows(SweepTest.allRows(SweepProcesses.realBaseline()), SweepTest.allRows(out));
    }

    @Test void offNeverLoadsAheadAndGivesTheSameRows() throws Exception {
        Path out = run(SweepArgs.Prefetch.OFF, false);
        assertEquals(List.of("load 0", "load 1", "load 2", "load 3"), loads());
        for (int k = 1; k < index.size(); k++) {
            assertTrue(events.indexOf("load " + k) > events.lastIndexOf("scored " + (k - 1)),
                    "checkpoint " + k + " loaded only after checkpoint " + (k - 1) + " was scored: " + events);
        }
        SweepTest.assertSameRows(SweepTest.allRows(SweepProcesses.realBaseline()), SweepTest.allRows(out));
    }

    @Test void aModelIsEstimatedFromItsHeadersAtTheComputeWidth() throws Exception {
        Path dir = CheckpointResolver.resolve("tiny/tiny-s1@step10", SweepProcesses.world().hubCache());
        // embeddings 2·320·32, final norm 2·32, per layer norms 4·32 + qkv 96·32+96 + dense 32·32+32 + mlp 64·32+64 + 32·64+32
        long params = 2 * 320 * 32 + 2 * 32 + 2 * (4 * 32 + 96 * 32 + 96 + 32 * 32 + 32 + 64 * 32 + 64 + 32 * 64 + 32);
        assertEquals(37632, params);
        assertEquals(4 * params, ModelMemory.estimate(dir, DataType.FLOAT32));
        assertEquals(2 * params, ModelMemory.estimate(dir, DataType.FLOAT16));
    }

    @Test void prefetchIsRefusedOnlyWhenBothModelsDoNotFit() {
        assertEquals(OptionalLong.of(123456L * 1024), ModelMemory.memAvailable(List.of(
                "MemTotal:       131072000 kB", "MemFree:          1000 kB", "MemAvailable:     123456 kB")));
        assertEquals(OptionalLong.empty(), ModelMemory.memAvailable(List.of("MemTotal: 1 kB")));
        Path dir = Path.of("next");
        long gib = 1L << 30;
        assertEquals(Optional.empty(), ModelMemory.refusal(dir, 3 * gib, 2 * gib, OptionalLong.of(5 * gib)));
        assertEquals(Optional.empty(), ModelMemory.refusal(dir, 3 * gib, 2 * gib, OptionalLong.empty()), "unknown: no check");
        assertEquals(Optional.of("prefetch: not loading next ahead: it needs 3.00 GiB beside the current model's 2.00 GiB, 4.50 GiB free"),
                ModelMemory.refusal(dir, 3 * gib, 2 * gib, OptionalLong.of(9 * gib / 2)));
    }

    /** Sweeps the tiny family in-process through the real runner, recording loads and scored parts. */
    private Path run(SweepArgs.Prefetch prefetch, boolean awaitNextLoad) throws Exception {
        TinyFamily world = SweepProcesses.world();
        SweepArgs args = new SweepArgs(new SweepArgs.Selection("tiny", List.of(), Steps.ALL, Family.Counts.EXACT, world.modelsDir()),
                List.of("tiny_qa", "tiny_pick"), new TaskSource(world.dataDir(), world.tasksDir(), OptionalInt.empty(), OptionalInt.empty()),
                world.hubCache(), Optional.of(DeviceSpec.parse("cpu")), Optional.empty(), ScoringOptions.defaults(), prefetch);
        ModelBackend backend = new ModelBackend();
        List<Checkpoint> checkpoints = backend.checkpoints(args);
        for (Checkpoint c : checkpoints) {
            index.put(CheckpointResolver.resolve(c.spec(), world.hubCache()), index.size());
            loadStarted.put(loadStarted.size(), new CountDownLatch(1));
        }
        List<Unit> units = SweepPlan.units(checkpoints, backend.tasks(args));
        Path out = tmp.resolve(prefetch.name().toLowerCase());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ModelRunner real = new ModelRunner(args, (dir, device, dtype) -> {
            int k = index.get(dir);
            record("load " + k);
            loadStarted.get(k).countDown();
            return LoadedModel.load(dir, null, device, dtype);
        });
        try (UnitRunner runner = new Recording(real, awaitNextLoad)) {
            Sweep.Outcome o = new Sweep(out, runner, Aggregator.NONE, new Sweep.Options(3, 0),
                    new PrintStream(log, true, StandardCharsets.UTF_8)).run(units, units);
            assertEquals(units.size(), o.completed(), log.toString(StandardCharsets.UTF_8));
        }
        assertNotEquals(0, events.size());
        return out;
    }

    private synchronized void record(String event) { events.add(event); }

    private synchronized List<String> loads() { return events.stream().filter(e -> e.startsWith("load")).toList(); }

    /**
     * The real runner, noting each scored part; with {@code awaitNextLoad} a part of checkpoint k is not
     * handed back until checkpoint k + 1 has started loading, so only a load ahead lets the sweep go on.
     */
    private final class Recording implements UnitRunner {
        private final UnitRunner real;
        private final boolean awaitNextLoad;

        Recording(UnitRunner real, boolean awaitNextLoad) {
            this.real = real;
            this.awaitNextLoad = awaitNextLoad;
        }

        @Override public void upcoming(List<Unit> units) { real.upcoming(units); }

        @Override public Fingerprint fingerprint(Unit unit) throws Exception { return real.fingerprint(unit); }

        @Override public Prepared prepare(Unit unit) throws Exception {
            Prepared p = real.prepare(unit);
            int k = index.get(CheckpointResolver.resolve(unit.checkpoint().spec(), SweepProcesses.world().hubCache()));
            return new Prepared() {
                @Override public int size() { return p.size(); }

                @Override public List<ChoiceRow> score(int from, int to) throws Exception {
                    List<ChoiceRow> rows = p.score(from, to);
                    if (awaitNextLoad && loadStarted.containsKey(k + 1)) {
                        assertTrue(loadStarted.get(k + 1).await(60, TimeUnit.SECONDS), "checkpoint " + (k + 1) + " never loaded ahead");
                    }
                    record("scored " + k);
                    return rows;
                }
            };
        }

        @Override public void close() throws Exception { real.close(); }
    }
}
