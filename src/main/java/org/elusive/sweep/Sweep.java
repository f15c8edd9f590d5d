package org.elusive.sweep;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elusive.core.BadInputException;
import org.elusive.rows.ChoiceRow;

/**
 * Runs units into a results directory, resumably: complete units with the same fingerprint are
 * skipped, a unit in progress continues after its last saved part, units locked by another process
 * are left to it, and a unit that fails is recorded and the sweep goes on. While units land, the
 * aggregate tables are brought up to date beside the scoring ({@link TableUpdates}), and once more at
 * the end.
 */
public final class Sweep {

    /**
     * @param checkpointEvery  requests per part file: at most this much work is lost to a crash
     * @param aggregateEvery   update scores/correlations in the background once this many units completed since the
     *                         last update (and at the end); 0 = only at the end
     * @param aggregateInterval and at least this long after the last update started
     */
    public record Options(int checkpointEvery, int aggregateEvery, Duration aggregateInterval) {
        public Options {
            if (checkpointEvery < 1) throw new BadInputException("--checkpoint-every " + checkpointEvery + ": expected a positive number of requests");
            if (aggregateEvery < 0) throw new BadInputException("--aggregate-every " + aggregateEvery + ": expected >= 0");
            if (aggregateInterval.isNegative()) throw new BadInputException("--aggregate-interval " + aggregateInterval + ": expected >= 0");
        }

        /** The default interval: updates at most every five minutes while scoring, and at the end. */
        public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

        public Options(int checkpointEvery, int aggregateEvery) { this(checkpointEvery, aggregateEvery, DEFAULT_INTERVAL); }
    }

    public record Failure(Unit unit, String kind, String error) {}

    /** What this run did: completed, skipped (already done), busy (another process had the lock), failed. */
    public record Outcome(int completed, int skipped, int busy, List<Failure> failures) {}

    private final UnitStore store;
    private final UnitRunner runner;
    private final DerivedTables tables;
    private final Options options;
    private final PrintStream log;
    private final Pace pace = new Pace();

    public Sweep(Path out, UnitRunner runner, Aggregator aggregator, Options options, PrintStream log) {
        this.store = new UnitStore(out);
        this.runner = runner;
        this.tables = new DerivedTables(out, aggregator, log);
        this.options = options;
        this.log = log;
    }

    /** Runs the given units (already cut to this shard); {@code planned} are all units of the sweep, for the plan file. */
    public Outcome run(List<Unit> units, List<Unit> planned) {
        tables.sweepStale();
        tables.locked(() -> SweepPlan.merge(store.out(), planned));
        // a done.json is enough to leave a unit out: a unit redone for a changed fingerprint only loses its prefetch
        runner.upcoming(units.stream().filter(u -> !Files.exists(store.doneFile(u))).toList());
        List<Failure> failures = new ArrayList<>();
        int[] counts;   // completed, skipped, busy
        try (TableUpdates updates = new TableUpdates(tables, options.aggregateEvery(), options.aggregateInterval())) {
            counts = runUnits(units, failures, updates);
            updates.finish();   // also after a kill between a unit's commit and its table update
        }
        int completed = counts[0], skipped = counts[1], busy = counts[2];
        log.printf("sweep: %d completed, %d already done, %d busy elsewhere, %d failed%n",
                completed, skipped, busy, failures.size());
        for (Failure f : failures) log.println("  failed " + f.unit() + " (" + f.kind() + "): " + f.error());
        return new Outcome(completed, skipped, busy, failures);
    }

    /** Runs each unit under its lock; returns {completed, skipped, busy}. */
    private int[] runUnits(List<Unit> units, List<Failure> failures, TableUpdates updates) {
        int[] counts = new int[3];
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            String tag = "[" + (i + 1) + "/" + units.size() + "] " + u;
            Optional<UnitStore.UnitLock> lock = store.tryLock(u);
            if (lock.isEmpty()) {
                log.println(tag + ": busy (another process holds its lock), left to it");
                counts[2]++;
                continue;
            }
            try (UnitStore.UnitLock held = lock.get()) {
                switch (runUnit(u, tag, units.size() - i, failures)) {
                    case COMPLETED -> { counts[0]++; updates.unitLanded(); }
                    case SKIPPED -> counts[1]++;
                    case FAILED -> { }
                }
            }
        }
        return counts;
    }

    private enum Result { COMPLETED, SKIPPED, FAILED }

    private Result runUnit(Unit u, String tag, int left, List<Failure> failures) {
        Optional<UnitStore.Done> done = store.done(u);
        Fingerprint fp;
        try {
            fp = fingerprint(runner, u);
        } catch (Exception e) {
            if (done.isPresent()) {   // e.g. weights deleted after scoring to save disk: keep what was scored
                log.println(tag + ": done (kept; cannot re-check its fingerprint: " + message(e) + ")");
                return Result.SKIPPED;
            }
            return fail(u, tag, e instanceof MissingCheckpointException ? "missing" : "failed", e, failures);
        }
        if (done.isPresent() && done.get().fingerprint().equals(fp.id())) {
            store.cleanUp(u);   // parts left by a kill between the commit mark and their removal
            log.println(tag + ": done");
            return Result.SKIPPED;
        }
        if (done.isPresent()) log.println(tag + ": fingerprint changed, redoing");
        try {
            UnitRunner.Prepared work = runner.prepare(u);
            List<UnitStore.Part> parts = new ArrayList<>(store.resumeParts(u, fp.id()));
            int from = UnitStore.rowsEnd(parts);
            if (from > work.size()) {
                throw new IllegalStateException("saved parts cover " + from + " requests but the unit has " + work.size());
            }
            if (from > 0) log.println(tag + ": resuming after request " + from + " of " + work.size());
            pace.unit(work.size(), left);
            while (from < work.size()) {
                int to = Math.min(work.size(), from + options.checkpointEvery());
                List<ChoiceRow> rows = work.score(from, to);
                parts.add(store.writePart(u, from, to, rows));
                log.println(tag + ": " + to + "/" + work.size() + " requests" + pace.part(to - from, to, work.size()));
                from = to;
            }
            UnitStore.Done d = store.commit(u, fp, parts, work.size());
            log.println(tag + ": done, " + d.rows() + " rows");
            return Result.COMPLETED;
        } catch (Exception e) {
            return fail(u, tag, e instanceof BadInputException ? "bad-input" : "failed", e, failures);
        }
    }

    /** The runner's fingerprint plus what the sweep itself puts in every row. */
    static Fingerprint fingerprint(UnitRunner runner, Unit u) throws Exception {
        // params and tokens are columns of every row: --counts paper vs exact must not reuse rows
        return runner.fingerprint(u).with("harness", Fingerprint.harnessVersion())
                .with("counts", u.checkpoint().params() + "/" + u.checkpoint().tokens());
    }

    private Result fail(Unit u, String tag, String kind, Exception e, List<Failure> failures) {
        String msg = message(e);
        if (org.elusive.core.Log.verbose()) e.printStackTrace(log);
        log.println(tag + ": FAILED (" + kind + "): " + msg);
        store.fail(u, kind, msg);
        failures.add(new Failure(u, kind, msg));
        return Result.FAILED;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Rebuilds the derived tables unless they are built from exactly the completed units. */
    public void aggregate() {
        tables.refresh();
    }
}
