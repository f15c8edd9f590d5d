package org.elusive.sweep;

import java.util.List;
import org.elusive.catalog.Checkpoint;
import org.elusive.rows.ChoiceRow;

/** Another backend whose units sleep before scoring each part, so a test can kill a sweep between parts. */
final class PausingBackend implements SweepBackend {
    private final SweepBackend inner;
    private final long pauseMs;

    PausingBackend(SweepBackend inner, long pauseMs) {
        this.inner = inner;
        this.pauseMs = pauseMs;
    }

    @Override public List<Checkpoint> checkpoints(SweepArgs args) { return inner.checkpoints(args); }

    @Override public List<String> tasks(SweepArgs args) { return inner.tasks(args); }

    @Override public Aggregator aggregator(SweepArgs args) { return inner.aggregator(args); }

    @Override public UnitRunner runner(SweepArgs args) {
        UnitRunner runner = inner.runner(args);
        return new UnitRunner() {
            @Override public void upcoming(List<Unit> units) { runner.upcoming(units); }   // kills land during loads ahead too

            @Override public Fingerprint fingerprint(Unit unit) throws Exception { return runner.fingerprint(unit); }

            @Override public Prepared prepare(Unit unit) throws Exception {
                Prepared work = runner.prepare(unit);
                return new Prepared() {
                    @Override public int size() { return work.size(); }

                    @Override public List<ChoiceRow> score(int from, int to) throws Exception {
                        Thread.sleep(pauseMs);
                        return work.score(from, to);
                    }
                };
            }

            @Override public void close() throws Exception { runner.close(); }
        };
    }
}
