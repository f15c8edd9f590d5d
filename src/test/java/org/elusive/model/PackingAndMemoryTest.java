package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackingAndMemoryTest {

    /** Two sequences packed into one row (restarting positions, block-causal mask) give their unpacked log-probs. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "llama-fp32", "olmo2-fp32", "gpt2-fp32"})
    void packedRowsEqualUnpackedRows(String name) {
        Fixture f = Fixture.load(name);
        long[] a = {5, 17, 3, 88, 42, 9}, b = {61, 2, 33, 70};
        try (CausalLM model = CheckpointLoader.load(f.dir(), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] alone = concat(logprobs(model, m, a, null, null), logprobs(model, m, b, null, null));
            long[] ids = new long[a.length + b.length], pos = new long[ids.length];
            boolean[] mask = new boolean[ids.length * ids.length];
            for (int i = 0; i < ids.length; i++) {
                boolean inA = i < a.length;
                ids[i] = inA ? a[i] : b[i - a.length];
                pos[i] = inA ? i : i - a.length;
                for (int k = 0; k <= i; k++) mask[i * ids.length + k] = inA || k >= a.length;
            }
            float[] packed = logprobs(model, m, ids, pos, mask);
            double max = 0;
            for (int i = 0; i < packed.length; i++) max = Math.max(max, Math.abs(packed[i] - alone[i]));
            assertTrue(max < 1e-5, name + ": packed differs from unpacked by " + max);
            // and the mask matters: without it the second sequence sees the first
            float[] leaky = logprobs(model, m, ids, pos, null);
            assertTrue(Math.abs(leaky[packed.length - 1] - packed[packed.length - 1]) > 1e-4);
        }
    }

    private static float[] logprobs(CausalLM model, NDManager m, long[] ids, long[] pos, boolean[] mask) {
        try (NDManager call = m.newSubManager()) {
            int t = ids.length;
            NDArray h = model.hidden(call.create(ids, new Shape(1, t)), pos == null ? null : call.create(pos, new Shape(1, t)),
                    mask == null ? null : call.create(mask, new Shape(1, t, t)));
            return model.logSoftmax(h.reshape(t, -1)).toFloatArray();
        }
    }

    private static float[] concat(float[] x, float[] y) {
        float[] out = new float[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    /** 1,000 forward calls leave no arrays behind and do not grow the process's resident memory. */
    @Test
    void thousandForwardCallsDoNotGrowNativeMemory() throws IOException {
        // libtorch's thread pool spins on tiny ops: on 2 shared cores one thread is 30x faster here
        ai.djl.engine.Engine.getEngine("PyTorch");
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            thousandCalls();
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private void thousandCalls() throws IOException {
        Fixture f = Fixture.load("llama-fp32");
        try (CausalLM model = CheckpointLoader.load(f.dir(), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            // 4 x 48 tokens: a leak of the per-call activations would be gigabytes over 1,000 calls
            NDArray ids = m.randomInteger(0, 96, new Shape(4, 48), DataType.INT64);
            NDArray pos = m.arange(0, 48, 1, DataType.INT64).expandDims(0).repeat(0, 4);
            NDArray mask = m.ones(new Shape(4, 48, 48), DataType.BOOLEAN);
            int weights = model.manager().getManagedArrays().size();
            int inputs = m.getManagedArrays().size();
            Runnable call = () -> {
                NDArray h = model.hidden(ids, pos, mask);
                NDArray rows = h.reshape(-1, h.getShape().get(2));
                NDArray lp = model.logSoftmax(rows);
                lp.close();
                rows.close();
                h.close();
            };
            for (int i = 0; i < 100; i++) call.run();
            long before = nativeBytes();
            for (int i = 0; i < 1000; i++) call.run();
            long grown = nativeBytes() - before;
            System.out.printf("1000 forward calls: resident memory outside the Java heap grew by %.1f MiB%n", grown / 1048576.0);
            assertEquals(weights + 1, model.manager().getManagedArrays().size(), "weights + the rotary table only");
            assertEquals(inputs, m.getManagedArrays().size(), "no intermediates left on the caller's manager");
            // allocator and JIT noise is tens of MiB; leaked activations would be > 2 GiB
            assertTrue(grown < 256L << 20, "resident memory grew by " + (grown >> 20) + " MiB");
        }
    }

    /** Resident set minus the committed Java heap: roughly what libtorch holds. */
    private static long nativeBytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024 - Runtime.getRuntime().totalMemory();
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
