package org.elusive.eval;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Where an evaluation's tasks and documents come from and how much of them it scores.
 *
 * @param dataDir    data root {@code <org>/<name>/<config>/<split>.{jsonl,parquet,csv}}
 * @param tasksDir   extra task YAMLs overlaid on the built-in tasks/, or null
 * @param numFewshot few-shot examples; empty = each task's {@code num_fewshot}
 * @param limit      score only the first N docs of each task; empty = all
 */
public record TaskSource(Path dataDir, Path tasksDir, OptionalInt numFewshot, OptionalInt limit) {}
