package org.elusive.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.elusive.model.AttentionPath;
import org.elusive.model.CausalLM;
import org.elusive.model.CheckpointLoader;
import org.elusive.model.Transformer;
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

    @Option(names = "--attention", description = "sdpa (torch's fused scaled-dot-product attention) or composed (the"
            + " explicit reference); same numbers to ~1e-5, see docs/attention.md. Default: ${DEFAULT-VALUE}.")
    String attention = "sdpa";

    @Option(names = "--no-pack", description = "One row per choice, as lm-eval lays them out (same numbers, more work).")
    boolean noPack;

    public String deviceName() { return device; }

    public Device device() { return CheckpointLoader.device(device); }

    /** The compute dtype asked for, else the device's default. */
    public DataType dataType(Device d) { return dtype == null ? CheckpointLoader.defaultType(d) : CheckpointLoader.dataType(dtype); }

    public boolean packed() { return !noPack; }

    /** The --attention choice, checked before any model loads. */
    public AttentionPath attention() { return AttentionPath.parse(attention); }

    /** Applies --attention to a loaded model (architectures without a choice are left as they are). */
    public CausalLM configure(CausalLM lm) {
        if (lm instanceof Transformer t) t.attention(attention());
        return lm;
    }

    public ScoringOptions scoring() { return ScoringOptions.defaults().withBatchTokens(batchTokens).withPack(!noPack); }
}
