package org.elusive.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.elusive.model.CheckpointLoader;
import org.elusive.scoring.ScoringOptions;
import picocli.CommandLine.Option;

/** Where and how the scorer runs: the options `eval` and `bench` share (a picocli mixin). */
public final class RuntimeOptions {
    @Option(names = "--device", description = "cpu, cuda or cuda:N. Default: ${DEFAULT-VALUE}.")
    String device = "cpu";

    @Option(names = "--dtype", description = "fp32 or fp16 (default: fp16 on CUDA, fp32 on CPU).")
    String dtype;

    @Option(names = "--batch-tokens", description = "Padded tokens per forward call. Default: ${DEFAULT-VALUE}.")
    int batchTokens = ScoringOptions.defaults().batchTokens();

    @Option(names = "--row-tokens", description = "Tokens per packed row: longer rows repeat a shared few-shot prefix less often but cost more attention. Default: ${DEFAULT-VALUE}.")
    int rowTokens = ScoringOptions.DEFAULT_ROW_TOKENS;

    @Option(names = "--no-pack", description = "One row per choice, as lm-eval lays them out (same numbers, more work).")
    boolean noPack;

    public String deviceName() { return device; }

    public Device device() { return CheckpointLoader.device(device); }

    /** The compute dtype asked for, else the device's default. */
    public DataType dataType(Device d) { return dtype == null ? CheckpointLoader.defaultType(d) : CheckpointLoader.dataType(dtype); }

    public boolean packed() { return !noPack; }

    public ScoringOptions scoring() { return ScoringOptions.defaults().withBatchTokens(batchTokens).withPack(!noPack).withRowTokens(rowTokens); }
}
