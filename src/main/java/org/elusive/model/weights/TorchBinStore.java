package org.elusive.model.weights;

import java.nio.file.Path;

/** Placeholder until the reader lands. */
public final class TorchBinStore {
    private TorchBinStore() {}

    public static WeightStore open(Path dir) {
        throw new UnsupportedOperationException("TorchBinStore not implemented yet");
    }
}
