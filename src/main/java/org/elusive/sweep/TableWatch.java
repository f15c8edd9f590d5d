package org.elusive.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code elusive sweep --aggregate}: keeps a results directory's derived tables up to date from a process of
 * its own (its own Slurm job, say, on a CPU node), while scoring shards run with {@code --aggregate-every 0}
 * and never spend their GPUs' time on tables. It updates whenever the tables lag the done units, every
 * {@code interval}, until no planned unit is left to run (every one done, failed or missing), then once more.
 */
public final class TableWatch {
    private static final Set<String> FINAL = Set.of("done", "failed", "missing");

    private final UnitStore store;
    private final DerivedTables tables;
    private final PrintStream log;

    public TableWatch(Path out, Aggregator aggregator, PrintStream log) {
        this.store = new UnitStore(out);
        this.tables = new DerivedTables(out, aggregator, log);
        this.log = log;
    }

    /** Runs until the plan is finished; true when the last update succeeded. */
    public boolean run(Duration interval) throws InterruptedException {
        List<Unit> planned = SweepPlan.read(store.out());
        while (true) {
            long left = unfinished(planned);   // read before updating: units landing meanwhile get one more pass
            boolean ok = tables.refresh();
            if (left == 0) return ok;
            log.printf("sweep: %d of %d planned units still to run; next table update in %ds%n",
                    left, planned.size(), interval.toSeconds());
            Thread.sleep(Math.max(1, interval.toMillis()));
        }
    }

    private long unfinished(List<Unit> planned) {
        return planned.stream().filter(u -> !FINAL.contains(SweepStatus.row(store, u).state())).count();
    }
}
