package org.elusive.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep was asked for. {@code steps} is a comma-separated list of steps or revisions (null =
 * all), {@code every} keeps steps that are multiples of it; {@code counts} is exact or paper;
 * {@code tasks} may name groups (mmlu) that expand to their tasks.
 */
public record SweepArgs(String family, List<String> sizes, String steps, Long every, String counts,
        List<String> tasks, Path dataDir, Path modelsDir, Path tasksDir, Path hubCache, String device,
        String dtype, Integer limit, Integer numFewshot, Integer batchTokens, Integer maxLength) {}
