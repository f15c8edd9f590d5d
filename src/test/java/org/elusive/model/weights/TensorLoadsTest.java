package org.elusive.model.weights;

import static org.elusive.model.weights.SafetensorsStoreTest.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The parallel whole-checkpoint load: the same bits as one tensor at a time, whatever the format, sharding or dtype. */
class TensorLoadsTest {

    private static byte[] bits(NDArray a) {
        ByteBuffer b = a.toByteBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Sharded vs single file, safetensors vs torch.save: every tensor bit-equal, in fp32 and in fp16. */
    @ParameterizedTest
    @CsvSource({"gpt_neox-fp32, gpt_neox-sharded", "gpt_neox-fp32, gpt_neox-bin", "gpt_neox-bin, gpt_neox-bin-sharded",
            "llama-fp32, llama-sharded", "gpt2-fp32, gpt2-sharded"})
    void sameBitsWhateverTheFormatAndSharding(String a, String b) {
        for (DataType target : new DataType[] {DataType.FLOAT32, DataType.FLOAT16}) {
            try (NDManager m = NDManager.newBaseManager(Device.cpu());
                 WeightStore one = WeightStore.open(fixture(a)); WeightStore other = WeightStore.open(fixture(b))) {
                List<String> names = new ArrayList<>(one.names());
                names.retainAll(other.names());
                assertTrue(names.size() >= 10, a + " vs " + b + ": " + names);
                Map<String, NDArray> all = other.loadAll(names, m, target);
                assertEquals(names, new ArrayList<>(all.keySet()), "in the caller's order");
                for (String n : names) {
                    NDArray x = one.load(n, m, target), y = all.get(n);
                    assertEquals(target, y.getDataType());
                    assertArrayEquals(x.getShape().getShape(), y.getShape().getShape(), n);
                    assertArrayEquals(bits(x), bits(y), n + " " + target);
                }
            }
        }
    }

    /** Java's bf16 → fp16 equals libtorch converting the exactly widened fp32, tensor for tensor. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-bf16", "llama-bf16", "olmo2-bf16", "gpt2-bf16"})
    void bf16ToFp16EqualsLibtorch(String name) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); WeightStore s = WeightStore.open(fixture(name))) {
            Map<String, NDArray> half = s.loadAll(s.names(), m, DataType.FLOAT16);
            for (String n : s.names()) {
                assertEquals("BF16", s.info(n).dtype(), n);
                NDArray viaTorch = s.load(n, m, DataType.FLOAT32).toType(DataType.FLOAT16, true);
                assertArrayEquals(bits(viaTorch), bits(half.get(n)), n);
            }
        }
    }

    /** A tensor that cannot be a weight among the names: nothing stays attached to the manager, and the error names it. */
    @Test
    void allOrNothing() {
        Path odd = Path.of("src/test/resources/bin/odd");
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); WeightStore s = WeightStore.open(odd)) {
            List<String> names = new ArrayList<>(s.names());
            assertTrue(names.contains("mask") && names.size() > 2, names.toString());
            BadInputException e = assertThrows(BadInputException.class, () -> s.loadAll(names, m, DataType.FLOAT32));
            assertTrue(e.getMessage().contains("'mask'") && e.getMessage().contains("BOOL"), e.getMessage());
            assertEquals(0, m.getManagedArrays().size());
            BadInputException unknown = assertThrows(BadInputException.class, () -> s.loadAll(List.of("nope"), m, DataType.FLOAT32));
            assertTrue(unknown.getMessage().contains("'nope' not found"), unknown.getMessage());
            names.remove("mask");
            names.removeIf(n -> !Floats.isFloat(s.info(n).dtype()));
            assertEquals(names.size(), s.loadAll(names, m, DataType.FLOAT32).size());
        }
    }
}
