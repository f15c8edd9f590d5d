package org.elusive.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsStoreTest {

    @TempDir Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(SafetensorsStoreTest.class.getResource("/models/" + name + "/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sameTensorsWhateverTheStorage() {
        String name = "gpt_neox.layers.1.attention.query_key_value.weight";
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             WeightStore fp32 = WeightStore.open(fixture("gpt_neox-fp32"));
             WeightStore sharded = WeightStore.open(fixture("gpt_neox-sharded"));
             WeightStore fp16 = WeightStore.open(fixture("gpt_neox-fp16"));
             WeightStore bf16 = WeightStore.open(fixture("gpt_neox-bf16"))) {
            assertEquals(fp32.names(), sharded.names());
            assertArrayEquals(new long[] {96, 32}, fp32.info(name).shape());
            assertEquals("BF16", bf16.info(name).dtype());
            float[] exact = fp32.load(name, m, DataType.FLOAT32).toFloatArray();
            assertArrayEquals(exact, sharded.load(name, m, DataType.FLOAT32).toFloatArray());
            float[] half = fp16.load(name, m, DataType.FLOAT32).toFloatArray();
            float[] brain = bf16.load(name, m, DataType.FLOAT32).toFloatArray();
            for (int i = 0; i < exact.length; i++) {
                assertEquals(exact[i], half[i], Math.abs(exact[i]) * 1e-3 + 1e-7);
                assertEquals(exact[i], brain[i], Math.abs(exact[i]) * 8e-3 + 1e-7);
                // bf16 widening is exact: the value is fp32 with the low 16 bits zero
                assertEquals(0, Float.floatToRawIntBits(brain[i]) & 0xffff);
            }
            NDArray asHalf = bf16.load(name, m, DataType.FLOAT16);
            assertEquals(DataType.FLOAT16, asHalf.getDataType());
        }
    }

    @Test
    void writerRoundTripsFp32AndFp16() throws IOException {
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             WeightStore src = WeightStore.open(fixture("llama-fp32"))) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (String n : src.names()) tensors.put(n, src.load(n, m, n.contains("norm") ? DataType.FLOAT16 : DataType.FLOAT32));
            Path out = tmp.resolve("model.safetensors");
            SafetensorsWriter.write(out, tensors);
            try (WeightStore back = WeightStore.open(tmp)) {
                assertEquals(src.names(), back.names());
                for (String n : src.names()) {
                    assertEquals(n.contains("norm") ? "F16" : "F32", back.info(n).dtype());
                    assertArrayEquals(tensors.get(n).getShape().getShape(), back.info(n).shape());
                    assertArrayEquals(tensors.get(n).toType(DataType.FLOAT32, false).toFloatArray(),
                            back.load(n, m, DataType.FLOAT32).toFloatArray(), n);
                }
            }
            // data section aligned to 8 bytes, as the spec asks
            long headerLength = ByteBuffer.wrap(Files.readAllBytes(out), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, headerLength % 8);
        }
    }

    @Test
    void truncatedFileNamesFileAndTensor() throws IOException {
        byte[] full = Files.readAllBytes(fixture("gpt_neox-fp32").resolve("model.safetensors"));
        Files.write(tmp.resolve("model.safetensors"), java.util.Arrays.copyOf(full, full.length - 100));
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("tensor '")
                && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void headerLongerThanFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putLong(0);
        Files.write(tmp.resolve("model.safetensors"), b.array());
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("header length 1000"), e.getMessage());
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        byte[] json = "{\"a\": {\"dtype\": \"F32\", ".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json);
        Files.write(tmp.resolve("model.safetensors"), b.array());
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void sizeThatDisagreesWithShape() throws IOException {
        byte[] json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 16).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json);
        Files.write(tmp.resolve("model.safetensors"), b.array());
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp));
        assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("needs 24"), e.getMessage());
    }

    @Test
    void missingShardAndMissingTensor() throws IOException {
        Files.writeString(tmp.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"w\": \"model-00001-of-00002.safetensors\"}}");
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp));
        assertTrue(e.getMessage().contains("model-00001-of-00002.safetensors") && e.getMessage().contains("not found"));
        try (WeightStore s = WeightStore.open(fixture("gpt2-fp32"))) {
            BadInputException m = assertThrows(BadInputException.class, () -> s.info("lm_head.weight"));
            assertTrue(m.getMessage().contains("gpt2-fp32") && m.getMessage().contains("'lm_head.weight' not found"));
        }
    }

    /** In-place ops on loaded weights must not touch the file, whether it is writable or read-only. */
    @Test
    void inPlaceOpsOnLoadedWeightsLeaveTheFileAlone() throws IOException {
        Path file = tmp.resolve("model.safetensors");
        Files.copy(fixture("gpt2-fp32").resolve("model.safetensors"), file);
        byte[] original = Files.readAllBytes(file);
        String name = "transformer.wte.weight";
        for (boolean writable : new boolean[] {true, false}) {
            assertTrue(file.toFile().setWritable(writable));
            try (NDManager m = NDManager.newBaseManager(Device.cpu()); WeightStore s = WeightStore.open(tmp)) {
                NDArray w = s.load(name, m, DataType.FLOAT32);
                float first = w.toFloatArray()[0];
                w.addi(1f);
                assertEquals(first + 1f, w.toFloatArray()[0], 1e-6);
                assertEquals(first, s.load(name, m, DataType.FLOAT32).toFloatArray()[0]);
            }
            assertArrayEquals(original, Files.readAllBytes(file));
        }
    }
}
