package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.elusive.rows.ChoiceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a sweep's table updates run beside its scoring, never in its way, are throttled, and the
 * last one at the end covers every unit. The first update is held until the sweep has scored two more
 * units: were updates run on the scoring thread, those units could never be scored and the latch
 * would time out.
 */
class BackgroundUpdatesTest {
    @TempDir Path tmp;

    @Test void scoringContinuesWhileTheTablesUpdate() throws Exception {
        SweepArgs a = SweepTest.args(List.of("1m", "2m"), List.of("a", "b"), null);
        List<Unit> units = SweepPlan.units(new FakeBackend().checkpoints(a), a.tasks());
        AtomicInteger scoredUnits = new AtomicInteger();
        List<String> updates = new CopyOnWriteArrayList<>();   // "<units in the update>:<units scored when it ended>"
        Aggregator real = new EngineAggregator();
        Aggregator held = (out, files) -> {
            if (updates.isEmpty()) {
                int before = scoredUnits.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);   // liveness only: fails by never getting there
                while (scoredUnits.get() < before + 2 && System.nanoTime() < deadline) Thread.sleep(5);
                assertTrue(scoredUnits.get() >= before + 2, "the sweep did not score on while the tables were updating");
            }
            String note = real.update(out, files);
            updates.add(files.size() + ":" + scoredUnits.get());
            return note;
        };
        UnitRunner fake = new FakeBackend().runner(a);
        UnitRunner counting = new UnitRunner() {
            @Override public Fingerprint fingerprint(Unit u) throws Exception { return fake.fingerprint(u); }

            @Override public Prepared prepare(Unit u) throws Exception {
                Prepared p = fake.prepare(u);
                return new Prepared() {
                    @Override public int size() { return p.size(); }

                    @Override public List<ChoiceRow> score(int from, int to) throws Exception {
                        List<ChoiceRow> rows = p.score(from, to);
                        if (to == p.size()) scoredUnits.incrementAndGet();
                        return rows;
                    }
                };
            }
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = tmp.resolve("out");
        Sweep.Outcome o = new Sweep(out, counting, held, new Sweep.Options(100, 1, Duration.ZERO),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run(units, units);
        assertEquals(8, o.completed(), log.toString(StandardCharsets.UTF_8));
        assertTrue(Integer.parseInt(updates.get(0).split(":")[0]) < 8, "the first update ran while units were left: " + updates);
        assertEquals("8:8", updates.get(updates.size() - 1), "the last update covers every unit: " + updates);
        assertTrue(Files.exists(out.resolve("correlations.parquet")));
        assertTrue(BuiltFrom.current(out, new UnitStore(out).doneUnits().values()));
    }

    @Test void updatesAreThrottledByUnitsAndTime() {
        AtomicLong now = new AtomicLong();
        AtomicInteger runs = new AtomicInteger();
        long second = 1_000_000_000L;
        try (TableUpdates u = new TableUpdates(runs::incrementAndGet, 2, Duration.ofSeconds(10), now::get)) {
            now.set(11 * second);
            u.unitLanded();                      // one unit: fewer than 2
            u.await();
            assertEquals(0, runs.get());
            u.unitLanded();                      // two units, 11 s after the start: due
            u.await();
            assertEquals(1, runs.get());
            now.set(15 * second);
            u.unitLanded();
            u.unitLanded();                      // two more units, but only 4 s after that update
            u.await();
            assertEquals(1, runs.get());
            now.set(21 * second);
            u.unitLanded();                      // 10 s later, with three units since: due
            u.await();
            assertEquals(2, runs.get());
            u.finish();                          // the end always updates, on this thread
            assertEquals(3, runs.get());
        }
        try (TableUpdates never = new TableUpdates(runs::incrementAndGet, 0, Duration.ZERO, now::get)) {
            for (int i = 0; i < 5; i++) never.unitLanded();
            never.await();
            assertEquals(3, runs.get(), "--aggregate-every 0: only at the end");
        }
    }

    /**
     * {@code sweep --aggregate}: a process of its own builds the tables of shards that ran without them, and exits
     * once every planned unit has run; on a directory no sweep ran into it is exit 2; a bad interval is exit 2.
     */
    @Test void aggregateJobBuildsTheTablesTheShardsLeft() throws Exception {
        SweepArgs a = SweepTest.args(List.of("1m"), List.of("a", "b"), null);
        List<Unit> units = SweepPlan.units(new FakeBackend().checkpoints(a), a.tasks());
        Path out = tmp.resolve("shards");
        new Sweep(out, new FakeBackend().runner(a), Aggregator.NONE, new Sweep.Options(100, 0),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(units, units);
        Files.deleteIfExists(out.resolve(BuiltFrom.FILE));   // as shards leave it when the tables are another job's
        assertTrue(!Files.exists(out.resolve("correlations.parquet")));

        assertEquals(0, TestSweepMain.run(new FakeBackend(), List.of("sweep", "--aggregate", "--aggregate-interval", "1s",
                "--out", out.toString())));
        assertTrue(Files.exists(out.resolve("correlations.parquet")) && Files.exists(out.resolve("scores.parquet")));
        assertTrue(BuiltFrom.current(out, new UnitStore(out).doneUnits().values()));

        assertEquals(2, TestSweepMain.run(new FakeBackend(), List.of("sweep", "--aggregate", "--out", tmp.resolve("none").toString())));
        assertEquals(2, TestSweepMain.run(new FakeBackend(), List.of("sweep", "--aggregate", "--aggregate-interval", "soon",
                "--out", out.toString())));
    }
}
