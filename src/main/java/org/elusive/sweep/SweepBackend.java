package org.elusive.sweep;

import java.util.List;
import org.elusive.catalog.Checkpoint;

/**
 * Where a sweep's checkpoints, tasks, scorer and tables come from. {@link ModelBackend} uses the
 * family registries (models/*.yaml), the task registry, the evaluation service and the engine; the
 * command takes a backend in its constructor, so tests give it one that needs no model.
 */
public interface SweepBackend {
    List<Checkpoint> checkpoints(SweepArgs args);

    /** The task names, groups expanded. */
    List<String> tasks(SweepArgs args);

    UnitRunner runner(SweepArgs args);

    Aggregator aggregator(SweepArgs args);
}
