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
    @ValueSource(strings = {"gpt_neox-fp32", "gpt_neox-fp16", "gpt_neox-bf16", "gpt_neox-sharded",
            "gpt_neox_seq-fp32", "gpt_neox_seq-bf16", "gpt_neox_seq-sharded"})
    void fp32ComputeMatchesTransformers(String name) {
        Fixture f = Fixture.load(name);
        try (CausalLM model = CheckpointLoader.load(f.dir(), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            double err = f.maxError(model, m);
            System.out.printf("%s fp32 max |err| = %.3g%n", name, err);
            assertTrue(err < 1e-4, name + ": max error " + err);
        }
    }
}
