package org.elusive.emergence;

import java.util.List;

/**
 * The models Wu &amp; Lo 2024 leave out: "probably over-trained small models". The paper's current
 * {@code utils.model_filter} (used by fit_cluster*.py and every plot_*.py) and the grouping scripts'
 * {@code removed_models} name the same six; the grouping scripts' seventh entry,
 * {@code facebook/xglm-564M}, is spelled with '/' where their model names have '__', so it never
 * matched and is not here. An earlier {@code model_filter} also dropped
 * {@code meta-llama/Meta-Llama-3-8B}; {@code --exclude <these six>,meta-llama/Meta-Llama-3-8B} gives it.
 */
public final class PaperModels {
    private PaperModels() {}

    /** A picocli default must be a constant string, so the list is kept as one. */
    public static final String EXCLUDED_CSV = "microsoft/phi-1_5,microsoft/phi-2,Qwen/Qwen1.5-0.5B,"
            + "Qwen/Qwen1.5-1.8B,Qwen/Qwen1.5-4B,stabilityai/stablelm-2-1_6b";
    public static final List<String> EXCLUDED = List.of(EXCLUDED_CSV.split(","));
}
