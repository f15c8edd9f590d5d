package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointLoaderTest {

    @TempDir Path tmp;

    private Path copy(String fixture) throws IOException {
        Path src = Fixture.dir(fixture);
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) Files.copy(f, tmp.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    private static String editConfig(Path dir, String from, String to) throws IOException {
        Path c = dir.resolve("config.json");
        String s = Files.readString(c);
        assertTrue(s.contains(from), from);
        Files.writeString(c, s.replace(from, to));
        return s;
    }

    @Test
    void unknownArchitectureListsTheSupportedOnes() throws IOException {
        Path dir = copy("llama-fp32");
        editConfig(dir, "LlamaForCausalLM", "MambaForCausalLM");
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointLoader.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("MambaForCausalLM")
                && e.getMessage().contains("GPT2LMHeadModel, GPTNeoXForCausalLM, LlamaForCausalLM, Olmo2ForCausalLM, OlmoForCausalLM"),
                e.getMessage());
    }

    @Test
    void configWithoutArchitecturesIsNamedByModelType() throws IOException {
        Path dir = copy("gpt_neox-sharded");
        editConfig(dir, "\"architectures\": [\n    \"GPTNeoXForCausalLM\"\n  ],", "");
        try (CausalLM m = CheckpointLoader.load(dir, Device.cpu())) {
            assertEquals("GPTNeoXForCausalLM", m.config().architecture());
        }
        editConfig(dir, "\"model_type\": \"gpt_neox\"", "\"model_type\": \"rwkv\"");
        assertThrows(BadInputException.class, () -> CheckpointLoader.load(dir, Device.cpu()));
    }

    @Test
    void shapeMismatchNamesTensorAndConfig() throws IOException {
        Path dir = copy("gpt_neox-fp32");
        editConfig(dir, "\"intermediate_size\": 64", "\"intermediate_size\": 80");
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointLoader.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("model.safetensors: tensor 'gpt_neox.layers.0.mlp.dense_h_to_4h.weight' has shape [64, 32]")
                && e.getMessage().contains("config.json implies [80, 32]"), e.getMessage());
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path dir = copy("olmo2-fp32");
        editConfig(dir, "\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3");
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointLoader.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("'model.layers.2.self_attn.q_proj.weight' not found"), e.getMessage());
    }

    @Test
    void scaledRotaryIsRefused() throws IOException {
        Path dir = copy("llama-sharded");
        editConfig(dir, "\"rope_scaling\": null", "\"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}");
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointLoader.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("rope_type") && e.getMessage().contains("linear"), e.getMessage());
    }

    @Test
    void noWeightsNoConfig() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointLoader.load(tmp, Device.cpu()));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("not found"), e.getMessage());
        Files.copy(Fixture.dir("gpt2-fp32").resolve("config.json"), tmp.resolve("config.json"));
        e = assertThrows(BadInputException.class, () -> CheckpointLoader.load(tmp, Device.cpu()));
        assertTrue(e.getMessage().contains("no weights found"), e.getMessage());
    }

    @Test
    void devices() {
        assertEquals(Device.cpu(), CheckpointLoader.device("cpu"));
        assertEquals(DataType.FLOAT32, CheckpointLoader.defaultType(Device.cpu()));
        assertEquals(DataType.FLOAT16, CheckpointLoader.defaultType(Device.gpu()));
        assertThrows(BadInputException.class, () -> CheckpointLoader.device("tpu"));
        assertEquals(DataType.FLOAT16, CheckpointLoader.dataType("fp16"));
        assertEquals(DataType.FLOAT32, CheckpointLoader.dataType("float32"));
        assertTrue(assertThrows(BadInputException.class, () -> CheckpointLoader.dataType("bf16")).getMessage().contains("bf16"));
        try (CausalLM m = CheckpointLoader.load(Fixture.dir("gpt2-fp16").toString(), "cpu", null)) {
            assertEquals(DataType.FLOAT32, ((Transformer) m).dataType());
            assertEquals(64, m.config().maxPositions());
        }
        if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0) {
            BadInputException e = assertThrows(BadInputException.class, () -> CheckpointLoader.device("cuda:0"));
            assertTrue(e.getMessage().contains("sees 0 GPU"), e.getMessage());
        }
    }

    /** Half-precision compute against transformers' fp32 numbers: a looser, documented tolerance. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp16", "llama-fp16", "olmo-fp16", "olmo2-fp16", "gpt2-fp16"})
    void fp16ComputeOnCpu(String name) {
        Fixture f = Fixture.load(name);
        try (CausalLM model = CheckpointLoader.load(f.dir(), Device.cpu(), DataType.FLOAT16);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            double err = f.maxError(model, m);
            System.out.printf("%s fp16 compute max |err| = %.3g%n", name, err);
            assertTrue(err < 0.05, name + ": " + err);
        }
    }

    /** Heads and sizes the attention cannot split: one line naming config.json, the key and the value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "llama-fp32 | \"num_key_value_heads\": 2 | \"num_key_value_heads\": 3 | key 'num_key_value_heads': 3 heads do not divide num_attention_heads 4",
        "llama-fp32 | \"head_dim\": 8 | \"head_dim\": 0 | key 'head_dim': expected a positive integer, got 0",
        "olmo2-fp32 | \"num_hidden_layers\": 2 | \"num_hidden_layers\": 0 | key 'num_hidden_layers': expected a positive integer, got 0",
        "gpt2-sharded | \"n_head\": 4 | \"n_head\": 5 | key 'n_head': 5 heads do not divide n_embd 32"})
    void headsAndSizesAreChecked(String fixture, String from, String to, String message) throws IOException {
        Path dir = copy(fixture);
        editConfig(dir, from, to);
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointLoader.load(dir, Device.cpu()));
        assertEquals(dir.resolve("config.json") + ": " + message, e.getMessage());
    }
}
