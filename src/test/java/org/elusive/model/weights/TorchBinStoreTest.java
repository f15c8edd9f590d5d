package org.elusive.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixtures from scripts/reference/make_bin_fixtures.py: every tensor must equal what torch saved, bit for bit. */
class TorchBinStoreTest {

    static Path fixture(String name) {
        return Path.of("src/test/resources/bin", name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"neox-fp32", "neox-fp16-sharded", "neox-bf16", "odd", "odd-zip64"})
    void everyTensorEqualsTheSavedValues(String name) throws IOException {
        Path dir = fixture(name);
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile()).get("tensors");
        ByteBuffer values = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("reference.f32"))).order(ByteOrder.LITTLE_ENDIAN);
        try (WeightStore store = WeightStore.open(dir); NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertInstanceOf(TorchBinStore.class, store);
            Set<String> expectedNames = new LinkedHashSet<>();
            for (JsonNode t : ref) {
                String tensor = t.get("name").asText();
                expectedNames.add(tensor);
                long[] shape = new ObjectMapper().convertValue(t.get("shape"), long[].class);
                TensorInfo info = store.info(tensor);
                assertArrayEquals(shape, info.shape(), tensor);
                assertEquals(Map.of("float32", "F32", "float16", "F16", "bfloat16", "BF16", "float64", "F64")
                        .get(t.get("dtype").asText()), info.dtype(), tensor);
                float[] expected = new float[t.get("count").asInt()];
                values.asFloatBuffer().position(t.get("offset").asInt()).get(expected);
                try (NDArray a = store.load(tensor, manager, DataType.FLOAT32)) {
                    assertEquals(DataType.FLOAT32, a.getDataType());
                    assertArrayEquals(shape, a.getShape().getShape(), tensor);
                    assertArrayEquals(expected, a.toFloatArray(), tensor);
                }
                if (info.dtype().equals("F16")) { // fp16 → fp16 is a zero-copy view, and still exact
                    try (NDArray h = store.load(tensor, manager, DataType.FLOAT16); NDArray f = h.toType(DataType.FLOAT32, false)) {
                        assertEquals(DataType.FLOAT16, h.getDataType());
                        assertArrayEquals(expected, f.toFloatArray(), tensor);
                    }
                }
            }
            Set<String> floating = new LinkedHashSet<>(store.names());
            floating.removeIf(n -> !Set.of("F32", "F16", "BF16", "F64").contains(store.info(n).dtype()));
            assertEquals(expectedNames, floating);
        }
    }

    @Test
    void fp32ToFp16RoundsLikeTorch() {
        try (WeightStore store = WeightStore.open(fixture("neox-fp32")); NDManager manager = NDManager.newBaseManager("PyTorch");
             NDArray h = store.load("gpt_neox.embed_in.weight", manager, DataType.FLOAT16);
             NDArray f = store.load("gpt_neox.embed_in.weight", manager, DataType.FLOAT32)) {
            assertEquals(DataType.FLOAT16, h.getDataType());
            float[] a = h.toType(DataType.FLOAT32, false).toFloatArray(), b = f.toFloatArray();
            for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], Math.abs(b[i]) * 1e-3 + 1e-4);
        }
    }

    /** Loaded weights are writable memory: an in-place op neither crashes the JVM nor reaches the file. */
    @Test
    void inPlaceOpsOnLoadedWeightsAreSafe() throws IOException {
        Path file = fixture("neox-fp16-sharded").resolve("pytorch_model-00001-of-00003.bin");
        byte[] before = Files.readAllBytes(file);
        try (WeightStore store = TorchBinStore.open(fixture("neox-fp16-sharded"));
             NDManager manager = NDManager.newBaseManager("PyTorch")) {
            String name = "gpt_neox.embed_in.weight";
            float[] original;
            try (NDArray a = store.load(name, manager, DataType.FLOAT16); NDArray f = a.toType(DataType.FLOAT32, false)) {
                original = f.toFloatArray();
                a.addi(1f);
            }
            try (NDArray again = store.load(name, manager, DataType.FLOAT32)) {
                assertArrayEquals(original, again.toFloatArray());
            }
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void shardsAreAllReadAndNamesFollowTheIndex() {
        try (WeightStore store = WeightStore.open(fixture("neox-fp16-sharded"))) {
            Set<String> files = new LinkedHashSet<>();
            store.names().forEach(n -> files.add(store.info(n).file().getFileName().toString()));
            assertEquals(Set.of("pytorch_model-00001-of-00003.bin", "pytorch_model-00002-of-00003.bin",
                    "pytorch_model-00003-of-00003.bin"), files);
            assertEquals("pytorch_model-00003-of-00003.bin", store.info("embed_out.weight").file().getFileName().toString());
        }
    }

    @Test
    void nonFloatBuffersAreListedButNotLoadable() {
        try (WeightStore store = WeightStore.open(fixture("odd")); NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertEquals("BOOL", store.info("mask").dtype());
            assertArrayEquals(new long[] {1, 1, 4, 4}, store.info("mask").shape());
            BadInputException e = assertThrows(BadInputException.class, () -> store.load("mask", manager, DataType.FLOAT32));
            assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("BOOL"), e.getMessage());
            BadInputException missing = assertThrows(BadInputException.class, () -> store.info("nope"));
            assertTrue(missing.getMessage().contains("pytorch_model.bin") && missing.getMessage().contains("nope"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 1000, 20000, 37000})
    void truncatedFileNamesTheFile(int keep, @TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(fixture("neox-fp32").resolve("pytorch_model.bin"));
        Files.write(tmp.resolve("pytorch_model.bin"), Arrays.copyOf(all, Math.min(keep, all.length - 1)));
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp).close());
        assertTrue(e.getMessage().startsWith(tmp.resolve("pytorch_model.bin").toString()), e.getMessage());
    }

    @Test
    void corruptPickleNamesTheFile(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(fixture("neox-fp32").resolve("pytorch_model.bin"));
        int at = indexOf(all, "_rebuild_tensor_v2".getBytes()) ;
        for (int i = at - 30; i < at + 200; i++) all[i] = (byte) 0xEE; // inside data.pkl (the first entry)
        Files.write(tmp.resolve("pytorch_model.bin"), all);
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp).close());
        assertTrue(e.getMessage().contains("pytorch_model.bin") && e.getMessage().contains("data.pkl"), e.getMessage());
    }

    /** A storage blob shorter than its tensor (a damaged archive whose zip structure is intact): the error names the tensor. */
    @Test
    void shortStorageNamesTheTensor(@TempDir Path tmp) throws IOException {
        Path src = fixture("neox-fp32").resolve("pytorch_model.bin");
        Path dst = tmp.resolve("pytorch_model.bin");
        try (ZipFile in = new ZipFile(src.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(dst))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().endsWith("/data/0")) data = Arrays.copyOf(data, data.length / 2);
                ZipEntry copy = new ZipEntry(e.getName());
                CRC32 crc = new CRC32();
                crc.update(data);
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(data.length);
                copy.setCrc(crc.getValue());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp).close());
        assertTrue(e.getMessage().startsWith(dst.toString()) && e.getMessage().contains("tensor ")
                && e.getMessage().contains("storage 0"), e.getMessage());
    }

    @Test
    void indexProblemsNameTheShardAndTensor(@TempDir Path tmp) throws IOException {
        Path src = fixture("neox-fp16-sharded");
        try (var files = Files.list(src)) {
            for (Path p : files.toList()) Files.copy(p, tmp.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path index = tmp.resolve(TorchBinStore.INDEX);
        String json = Files.readString(index);
        Files.writeString(index, json.replace("\"embed_out.weight\": \"pytorch_model-00003-of-00003.bin\"",
                "\"embed_out.weight\": \"pytorch_model-00001-of-00003.bin\""));
        BadInputException wrong = assertThrows(BadInputException.class, () -> WeightStore.open(tmp).close());
        assertTrue(wrong.getMessage().contains("embed_out.weight") && wrong.getMessage().contains("00001-of-00003"), wrong.getMessage());

        Files.writeString(index, json);
        Files.delete(tmp.resolve("pytorch_model-00002-of-00003.bin"));
        BadInputException missing = assertThrows(BadInputException.class, () -> WeightStore.open(tmp).close());
        assertTrue(missing.getMessage().contains("pytorch_model-00002-of-00003.bin"), missing.getMessage());
    }

    @Test
    void legacyOrForeignFilesAreRejectedClearly(@TempDir Path tmp) throws IOException {
        Files.write(tmp.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0, 0});
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp).close());
        assertTrue(e.getMessage().contains("legacy"), e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
