package org.elusive.eval;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.elusive.task.DocSelection;
import org.elusive.task.Limit;

/**
 * Where an evaluation's tasks and documents come from and which of them it scores.
 *
 * @param dataDir    data root (see {@link org.elusive.task.Datasets}), or null for the HF hub cache alone
 * @param tasksDir   extra task YAMLs overlaid on the built-in tasks/, or null
 * @param numFewshot few-shot examples; empty = each task's {@code num_fewshot}
 * @param selection  which docs of each task, and the few-shot seed
 */
public record TaskSource(Path dataDir, Path tasksDir, OptionalInt numFewshot, DocSelection selection) {

    /** The first {@code limit} docs of each task (all when empty), lm-eval's default few-shot seed. */
    public TaskSource(Path dataDir, Path tasksDir, OptionalInt numFewshot, OptionalInt limit) {
        this(dataDir, tasksDir, numFewshot, DocSelection.first(limit.isPresent() ? Limit.count(limit.getAsInt()) : Limit.NONE));
    }
}
