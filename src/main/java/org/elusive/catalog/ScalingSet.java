package org.elusive.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * A scaling set: a named list of checkpoints across which per-sample scores are correlated with compute,
 * as the Elusive paper's model families (pred_evals/globals.py), e.g. Pythia 1.4B across 2M…300B tokens
 * (data scaling) or every Pythia size at 300B tokens (parameter scaling). Defined under {@code sets:} in
 * a family registry; a checkpoint may belong to several sets. {@code label} is the paper's name for
 * figures. Checkpoints are in the order the selectors list them, each once.
 */
public record ScalingSet(String name, String label, String family, Path file, List<Checkpoint> checkpoints) {
    public ScalingSet {
        checkpoints = List.copyOf(checkpoints);
    }
}
