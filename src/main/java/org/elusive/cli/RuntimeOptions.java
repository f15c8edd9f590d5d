package org.elusive.cli;

import ai.djl.ndarray.types.DataType;
import org.elusive.eval.DeviceSpec;
import org.elusive.model.AttentionPath;
import org.elusive.scoring.ScoringOptions;
import picocli.CommandLine.Option;

/** Where and how the scorer runs: the options `eval` and `bench` share (a picocli mixin). */
public final class RuntimeOptions {
    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: cuda when the engine sees a GPU, else cpu, as `sweep` and lm-eval).")
    DeviceSpec device;

    @Option(names = "--dtype", description = "fp32 or fp16 (default: fp16 on CUDA, fp32 on CPU).")
    DataType dtype;

    @Option(names = "--batch-tokens", converter = Converters.Positive.class, description = "Padded tokens per forward call. Default: ${DEFAULT-VALUE}.")
    int batchTokens = ScoringOptions.defaults().batchTokens();

    @Option(names = "--attention", description = "sdpa (torch's fused scaled-dot-product attention) or composed (the"
            + " explicit reference); same numbers to ~1e-5, see docs/attention.md. Default: ${DEFAULT-VALUE}.")
    AttentionPath attention = AttentionPath.SDPA;

    @Option(names = "--row-tokens", converter = Converters.NonNegative.class, description = "Tokens per packed row: longer rows repeat a shared few-shot prefix less often but cost more"
            + " attention. 0 (the default): chosen per run, from the shared prefix and the model's hidden size (256 to 2048).")
    int rowTokens = ScoringOptions.AUTO_ROW_TOKENS;

    @Option(names = "--no-pack", description = "One row per choice, as lm-eval lays them out (same numbers, more work).")
    boolean noPack;

    @Option(names = "--no-prefix-cache", description = "Repeat a prefix shared by many rows (an MMLU subject's few-shot block)"
            + " in each row instead of computing it once and reusing its keys and values (same numbers, more work).")
    boolean noPrefixCache;

    /** The device asked for, else cuda when the engine sees a GPU (which starts the engine: call it only to score). */
    public DeviceSpec device() { return device != null ? device : DeviceSpec.auto(); }

    /** The compute dtype asked for, else the device's default. */
    public DataType dataType() { return dtype == null ? device().defaultType() : dtype; }

    public boolean packed() { return !noPack; }

    public AttentionPath attention() { return attention; }

    public ScoringOptions scoring() { return ScoringOptions.defaults().withBatchTokens(batchTokens).withPack(!noPack).withRowTokens(rowTokens)
            .withPrefixCache(!noPrefixCache); }
}
