package org.elusive.demo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.elusive.model.GptNeoX;
import org.elusive.model.Scalars;
import org.elusive.model.Transformer;
import org.elusive.model.weights.SafetensorsWriter;
import org.elusive.optim.Adam;
import org.elusive.optim.GradientClipping;

/**
 * Trains one GPT-NeoX size of the demo family with DJL autograd and AdamW, on the very forward code the
 * scorer runs, and saves HF-format checkpoints (config.json, model.safetensors, tokenizer.json and its configs) at the
 * requested steps, so the real loaders read them back.
 */
public final class DemoTrainer {

    /** Training hyper-parameters shared by every size. */
    public record Recipe(int seqLen, int batch, double lr, int warmup, long seed) {
        public static Recipe standard() { return new Recipe(32, 16, 3e-3, 20, 1234); }
    }

    /** AdamW as GPT-NeoX trains (β2 0.95, weight decay 0.01). */
    static final Adam.Hyper ADAMW = new Adam.Hyper(0.9, 0.95, 1e-8, 0.01);

    private DemoTrainer() {}

    /** Initial weights as GPT-NeoX's initializer (normal 0.02, LayerNorm 1/0), drawn in Java so they are seeded. */
    static Map<String, NDArray> initialise(GptNeoX.Config config, NDManager manager, long seed) {
        Random rnd = new Random(seed);
        Map<String, NDArray> params = new LinkedHashMap<>();
        GptNeoX.shapes(config).forEach((name, shape) -> {
            int n = (int) new Shape(shape).size();
            float[] v = new float[n];
            boolean norm = name.contains("layernorm") || name.contains("layer_norm");
            for (int i = 0; i < n; i++) {
                v[i] = norm ? (name.endsWith(".weight") ? 1f : 0f)
                        : name.endsWith(".bias") ? 0f : (float) (rnd.nextGaussian() * 0.02);
            }
            NDArray a = manager.create(v, new Shape(shape));
            a.setRequiresGradient(true);
            params.put(name, a);
        });
        return params;
    }

    /**
     * Trains from scratch up to the last of {@code saveSteps} and writes each checkpoint to
     * {@code outDir/step<k>}. {@code onStep} sees every finished step (progress display).
     */
    public static void train(GptNeoX.Config config, int[] tokenStream, Recipe recipe, int[] saveSteps,
            Path tokenizerJson, Path outDir, IntConsumer onStep) throws IOException {
        int last = saveSteps[saveSteps.length - 1];
        Random rnd = new Random(recipe.seed());
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = initialise(config, manager, recipe.seed());
            List<NDArray> list = new ArrayList<>(params.values());
            Adam optimizer = new Adam(ADAMW);
            // weight decay spares biases and norms (the 1-d tensors), as GPT-NeoX trains
            List<Adam.Slot> slots = list.stream().map(p -> Adam.Slot.zeros(p, p.getShape().dimension() > 1)).toList();
            try (Transformer lm = GptNeoX.fromParameters(config, params)) {
                int next = 0;
                for (int step = 1; step <= last; step++) {
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray[] xy = batch(tokenStream, recipe, rnd, batch);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray h = lm.hidden(xy[0], null, null);
                            NDArray logp = lm.logSoftmax(h.reshape(-1, config.hiddenSize()));
                            NDArray loss = logp.mul(xy[1].oneHot(config.vocabSize())).sum().neg()
                                    .div(Scalars.of(logp, recipe.batch() * recipe.seqLen()));
                            gc.backward(loss);
                        }
                    }
                    double warmup = Math.min(1.0, step / (double) recipe.warmup());
                    // clipped at global norm 1 as GPT-NeoX trains: without it the widest size can diverge to NaN
                    GradientClipping.clipGlobalNorm(list, 1.0);
                    optimizer.step(slots, recipe.lr() * warmup);
                    onStep.accept(step);
                    while (next < saveSteps.length && saveSteps[next] == step) {
                        save(config, lm.parameters(), tokenizerJson, outDir.resolve("step" + step));
                        next++;
                    }
                }
            }
        }
    }

    private static NDArray[] batch(int[] stream, Recipe r, Random rnd, NDManager m) {
        long[] x = new long[r.batch() * r.seqLen()], y = new long[x.length];
        for (int b = 0; b < r.batch(); b++) {
            int start = rnd.nextInt(stream.length - r.seqLen() - 1);
            for (int t = 0; t < r.seqLen(); t++) {
                x[b * r.seqLen() + t] = stream[start + t];
                y[b * r.seqLen() + t] = stream[start + t + 1];
            }
        }
        Shape s = new Shape(r.batch(), r.seqLen());
        return new NDArray[] {m.create(x, s), m.create(y, new Shape(x.length))};
    }

    /** Writes one checkpoint atomically: a temp directory renamed into place once complete. */
    static void save(GptNeoX.Config config, Map<String, NDArray> params, Path tokenizerJson, Path dir)
            throws IOException {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        Files.createDirectories(tmp);
        SafetensorsWriter.write(tmp.resolve("model.safetensors"), params);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("config.json").toFile(), config.toJson());
        Files.copy(tokenizerJson, tmp.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        DemoTokenizer.writeConfigs(tmp, DemoWorld.END_OF_TEXT, config.maxPositions());
        if (Files.exists(dir)) deleteTree(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** The token stream of a corpus under the demo's word-level vocabulary. */
    public static int[] encode(List<String> sentences, List<String> vocabulary) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) ids.put(vocabulary.get(i), i);
        return sentences.stream().flatMap(s -> java.util.Arrays.stream(s.split(" ")))
                .mapToInt(w -> ids.get(w)).toArray();
    }

}
