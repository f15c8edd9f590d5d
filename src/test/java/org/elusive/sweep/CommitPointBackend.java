package org.elusive.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.catalog.Checkpoint;

/**
 * {@link FakeBackend} whose table update, once every unit of the test sweep is committed, leaves
 * what a writer killed mid-update leaves (a figure scratch directory, a table temp file, a DuckDB
 * spill directory), prints {@link #HOLDING} and blocks: the parent kills it right there, between
 * the last unit's commit mark and its tables. Table updates run in the background, so the last unit
 * waits to be scored until an update covering the seven before it has ended (run it with
 * {@code --aggregate-interval 0}): the tables the parent finds then lack exactly the last unit.
 */
public final class CommitPointBackend implements SweepBackend {
    static final String HOLDING = "commit-point: holding before the tables of";
    private final FakeBackend fake = new FakeBackend();

    @Override public List<Checkpoint> checkpoints(SweepArgs args) { return fake.checkpoints(args); }
    @Override public List<String> tasks(SweepArgs args) { return fake.tasks(args); }
    private static final java.util.concurrent.atomic.AtomicInteger UPDATED = new java.util.concurrent.atomic.AtomicInteger();

    @Override public UnitRunner runner(SweepArgs args) {
        UnitRunner real = fake.runner(args);
        return new UnitRunner() {
            @Override public Fingerprint fingerprint(Unit u) throws Exception { return real.fingerprint(u); }

            @Override public Prepared prepare(Unit u) throws Exception {
                if (u.id().endsWith("fake-2m/step2000/b")) {
                    while (UPDATED.get() < 7) Thread.sleep(10);   // the parent's timeout bounds this wait
                }
                return real.prepare(u);
            }
        };
    }

    @Override public Aggregator aggregator(SweepArgs args) {
        Aggregator real = fake.aggregator(args);
        int all = 2 * 2 * 2;   // SweepProcessTest.sweepArgs: sizes 1m,2m × steps 0,2000 × tasks a,b
        return (out, units) -> {
            if (units.size() < all) {
                String note = real.update(out, units);
                UPDATED.accumulateAndGet(units.size(), Math::max);
                return note;
            }
            Path scratch = Files.createTempDirectory(Files.createDirectories(out.resolve("figures")), AtomicFiles.TMP_PREFIX);
            Files.writeString(scratch.resolve("correlations_a_pearson.png"), "half a figure");
            Files.writeString(out.resolve(".correlations.parquet.1234.tmp"), "half a table");
            Files.createDirectories(out.resolve(AtomicFiles.TMP_PREFIX + "duckdb")).resolve("duckdb_temp_block-1.block");
            Files.delete(out.resolve("figures").resolve("correlations_a_kendall.svg"));
            System.out.println(HOLDING + " " + units.size() + " units");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            return "";
        };
    }
}
