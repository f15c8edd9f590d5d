package org.elusive.sweep;

import java.util.List;
import org.elusive.catalog.Checkpoint;

/**
 * Where a sweep's checkpoints, tasks, scorer and tables come from. The default backend uses the
 * family registries (models/*.yaml), the task registry, the model runtime, the scorer and the
 * engine; the system property {@code elusive.sweep.backend} names another implementation (the
 * tests use one that needs no model).
 */
public interface SweepBackend {
    List<Checkpoint> checkpoints(SweepArgs args);

    /** The task names, groups expanded. */
    List<String> tasks(SweepArgs args);

    UnitRunner runner(SweepArgs args);

    Aggregator aggregator(SweepArgs args);

    static SweepBackend load() {
        String name = System.getProperty("elusive.sweep.backend");
        if (name == null || name.isBlank()) return new ModelBackend();
        try {
            return (SweepBackend) Class.forName(name).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create sweep backend " + name, e);
        }
    }
}
