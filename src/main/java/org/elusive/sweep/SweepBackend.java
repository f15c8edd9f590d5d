package org.elusive.sweep;

import java.util.List;
import org.elusive.model.Checkpoint;

/**
 * Where a sweep's checkpoints, scorer and tables come from. The default backend uses the family
 * registries (models/*.yaml), the model runtime, the tasks and the scorer; the system property
 * {@code elusive.sweep.backend} names another implementation (the tests use a model-free one).
 */
public interface SweepBackend {
    List<Checkpoint> checkpoints(SweepArgs args) throws Exception;

    UnitRunner runner(SweepArgs args) throws Exception;

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
