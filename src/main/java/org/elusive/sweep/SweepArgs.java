package org.elusive.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep was asked for. {@code steps} are revisions or step numbers (1000 = step1000);
 * {@code every} keeps steps that are multiples of it; empty lists mean "all".
 */
public record SweepArgs(String family, List<String> sizes, List<String> steps, Integer every, List<String> tasks,
        Path dataDir, Path modelsDir, Path tasksDir, String device, String dtype, Integer limit, Integer numFewshot) {}
