package org.elusive.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Forward time of the composed and the fused attention path, behind the default ({@link AttentionPath}):
 * a Pythia-160m-shaped GPT-NeoX with random weights (fewer layers: attention's share per layer is the
 * same), rows of 128 to 2048 tokens filling a 4096-token batch (the scorer's default), with a block
 * mask like the scorer's (4 segments, later ones seeing the first) and with plain causal (is_causal).
 * Not a test: prints medians of wall and process-CPU time. Run (docs/attention.md):
 *
 * <pre>{@code
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.elusive.model.AttentionBench [cpu|cuda] [layers] [reps] [lengths]
 * }</pre>
 */
public final class AttentionBench {
    private AttentionBench() {}

    public static void main(String[] args) {
        Device device = CheckpointLoader.device(args.length > 0 ? args[0] : "cpu");
        int layers = args.length > 1 ? Integer.parseInt(args[1]) : 2, reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int[] lengths = Arrays.stream((args.length > 3 ? args[3] : "128,256,512,1024,2048").split(","))
                .mapToInt(Integer::parseInt).toArray();
        DataType type = CheckpointLoader.defaultType(device);
        GptNeoX.Config c = new GptNeoX.Config(50304, 768, layers, 12, 3072, 0.25, 10000, true, 1e-5, 2048, "gelu", true,
                false, 0, 0);
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager(device, "PyTorch")) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (var e : GptNeoX.shapes(c).entrySet()) {
                Shape shape = new Shape(e.getValue());
                NDArray a = e.getKey().endsWith(".bias") ? m.zeros(shape) : m.randomNormal(0f, 0.02f, shape, DataType.FLOAT32);
                tensors.put(e.getKey(), a.toType(type, false));
            }
            Transformer model = GptNeoX.fromParameters(c, tensors);
            System.out.printf("pythia-160m shape, %d layers, %s on %s, %d threads; ms per forward of 4096 tokens (median of %d)%n",
                    layers, type, device, ai.djl.pytorch.jni.JniUtils.getNumThreads(), reps);
            System.out.println("length  mask    composed wall/cpu    sdpa wall/cpu    speed-up");
            for (int t : lengths) {
                for (boolean block : new boolean[] {true, false}) {
                    double[] composed = time(model, m, t, block, AttentionPath.COMPOSED, reps);
                    double[] fused = time(model, m, t, block, AttentionPath.SDPA, reps);
                    System.out.printf(Locale.ROOT, "%6d  %-6s  %8.1f / %8.1f  %7.1f / %7.1f  %6.2fx%n", t, block ? "block" : "causal",
                            composed[0], composed[1], fused[0], fused[1], composed[0] / fused[0]);
                }
            }
        }
    }

    /** Median wall and process-CPU milliseconds of one forward (one warm-up first). */
    private static double[] time(Transformer model, NDManager m, int t, boolean block, AttentionPath path, int reps) {
        model.attention(path);
        int b = Math.max(1, 4096 / t);
        double[] wall = new double[reps], cpu = new double[reps];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = -1; i < reps; i++) {
            try (NDManager c = m.newSubManager()) {
                NDArray ids = c.randomInteger(0, 50304, new Shape(b, t), DataType.INT64);
                NDArray mask = block ? blockMask(c, b, t) : null;
                long w0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                NDArray h = model.hidden(ids, null, mask);
                h.get(0, 0, 0).toFloatArray(); // waits for the device
                if (i >= 0) {
                    wall[i] = (System.nanoTime() - w0) / 1e6;
                    cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
                }
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[reps / 2], cpu[reps / 2]};
    }

    /** [b, t, t]: four segments; segment s > 0 sees segment 0 (a shared context) and itself, causally. */
    private static NDArray blockMask(NDManager m, int b, int t) {
        boolean[] bits = new boolean[b * t * t];
        int seg = t / 4;
        for (int r = 0; r < b; r++)
            for (int q = 0; q < t; q++)
                for (int k = 0; k <= q; k++) bits[(r * t + q) * t + k] = k / seg == 0 || k / seg == q / seg;
        return m.create(bits, new Shape(b, t, t));
    }
}
