package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our log-probs against transformers' on the committed tiny checkpoints. */
class GoldenLogprobsTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "gpt_neox-fp16", "gpt_neox-bf16", "gpt_neox-sharded", "gpt_neox-bin", "gpt_neox-bin-sharded",
            "gpt_neox_seq-fp32", "gpt_neox_seq-bf16", "gpt_neox_seq-sharded",
            "llama-fp32", "llama-fp16", "llama-bf16", "llama-sharded", "olmo-fp32", "olmo-fp16", "olmo-bf16", "olmo-sharded",
            "olmo2-fp32", "olmo2-fp16", "olmo2-bf16", "olmo2-sharded", "gpt2-fp32", "gpt2-fp16", "gpt2-bf16", "gpt2-sharded"})
    void fp32ComputeMatchesTransformers(String name) {
        Fixture f = Fixture.load(name);
        try (CausalLM model = CheckpointLoader.load(f.dir(), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            double err = f.maxError(model, m);
            System.out.printf("%s fp32 max |err| = %.3g%n", name, err);
            assertTrue(err < 1e-4, name + ": max error " + err);
        }
    }

    /**
     * Position ids starting at 3000: rotary is relative, so only the fp32 rounding of large angles changes
     * the numbers, and ours must round as transformers does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "gpt_neox_seq-fp32", "llama-fp32", "olmo-fp32", "olmo2-fp32"})
    void farPositionIds(String name) {
        Fixture f = Fixture.load(name);
        try (CausalLM model = CheckpointLoader.load(f.dir(), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            double err = f.maxErrorFarPositions(model, m);
            System.out.printf("%s positions %d+ max |err| = %.3g%n", name, f.positionOffset(), err);
            assertTrue(err < 1e-4, name + ": max error " + err);
        }
    }
}
