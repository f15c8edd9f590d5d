package org.elusive.model.weights;

import java.nio.file.Path;

/** Where a tensor lives and what it is on disk; {@code dtype} uses safetensors names (F32, F16, BF16). */
public record TensorInfo(String name, String dtype, long[] shape, Path file) {}
