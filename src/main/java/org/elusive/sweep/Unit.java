package org.elusive.sweep;

import java.util.Comparator;
import org.elusive.catalog.Checkpoint;

/** The unit of work of a sweep: one checkpoint scored on one task. */
public record Unit(Checkpoint checkpoint, String task) {

    /** Checkpoints by family, size, training progress, then names: independent of how they were listed. */
    public static final Comparator<Checkpoint> CHECKPOINT_ORDER = Comparator.comparing(Checkpoint::family)
            .thenComparingLong(Checkpoint::params).thenComparingDouble(Checkpoint::tokens)
            .thenComparing(Checkpoint::model).thenComparing(Checkpoint::revision);

    /** Stable human-readable id, also the unit's path under {@code choices/}: family/model-slug/revision/task. */
    public String id() {
        return checkpoint.family() + "/" + slug(checkpoint.model()) + "/" + checkpoint.revision() + "/" + task;
    }

    /** HF ids contain a slash; the HF cache spells them org--name, and so do we. */
    static String slug(String model) { return model.replace("/", "--"); }

    @Override public String toString() { return checkpoint.spec() + " " + task; }
}
