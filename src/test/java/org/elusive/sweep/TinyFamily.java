package org.elusive.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.elusive.model.weights.SafetensorsWriter;

/**
 * A complete on-disk world for a real sweep, made by the test: a family registry ("tiny": sizes s1,
 * s2 × steps 10, 100) whose checkpoints are random GPT-NeoX models (vocab 320, hidden 32, 2 layers)
 * in an HF hub cache laid out as huggingface_hub does, with the toy BPE tokenizer; two task YAMLs
 * ({@code tiny_qa}, 3 choices; {@code tiny_pick}, 2 choices) and their data in a data root.
 */
record TinyFamily(Path modelsDir, Path hubCache, Path tasksDir, Path dataDir) {
    static final int VOCAB = 320, HIDDEN = 32, INTERMEDIATE = 64, LAYERS = 2;
    static final List<String> SIZES = List.of("s1", "s2");
    static final List<Integer> STEPS = List.of(10, 100);

    static TinyFamily create(Path root, int docs) throws IOException {
        TinyFamily t = new TinyFamily(root.resolve("models"), root.resolve("hub"), root.resolve("tasks"), root.resolve("data"));
        Files.createDirectories(t.modelsDir);
        Files.writeString(t.modelsDir.resolve("tiny.yaml"), """
                family: tiny
                description: random GPT-NeoX checkpoints made by the sweep tests
                architecture: GPTNeoXForCausalLM
                revision: "step{step}"
                tokens_per_step: 4096
                steps: [10, 100]
                models:
                  - {size: s1, hf: tiny/tiny-s1, params: 40000}
                  - {size: s2, hf: tiny/tiny-s2, params: 80000}
                """);
        byte[] tokenizer;
        try (InputStream in = TinyFamily.class.getResourceAsStream("/scoring/toy-tokenizer.json")) {
            tokenizer = in.readAllBytes();
        }
        int seed = 1;
        for (String size : SIZES) {
            for (int step : STEPS) t.writeCheckpoint("tiny/tiny-" + size, "step" + step, seed++, tokenizer);
        }
        t.writeTasks(docs);
        return t;
    }

    /** Makes a world in the given directory (for trying the CLI by hand): TinyFamily DIR [DOCS]. */
    public static void main(String[] args) throws IOException {
        create(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 10);
    }

    Map<String, String> env() { return Map.of("HF_HUB_CACHE", hubCache.toString()); }

    /** {@code <hub>/models--org--name/refs/<rev>} → commit, files in {@code snapshots/<commit>/}. */
    void writeCheckpoint(String repo, String revision, int seed, byte[] tokenizer) throws IOException {
        Path repoDir = hubCache.resolve("models--" + repo.replace("/", "--"));
        String commit = HexFormat.of().formatHex(((java.security.MessageDigest) sha1()).digest((repo + revision).getBytes()));
        Files.createDirectories(repoDir.resolve("refs"));
        Files.writeString(repoDir.resolve("refs").resolve(revision), commit);
        Path snap = Files.createDirectories(repoDir.resolve("snapshots").resolve(commit));
        Files.writeString(snap.resolve("config.json"), """
                {"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox", "vocab_size": %d,
                 "hidden_size": %d, "intermediate_size": %d, "num_hidden_layers": %d, "num_attention_heads": 4,
                 "max_position_embeddings": 256, "rotary_pct": 0.5, "rotary_emb_base": 10000, "hidden_act": "gelu",
                 "layer_norm_eps": 1e-05, "use_parallel_residual": true, "tie_word_embeddings": false,
                 "attention_bias": true, "bos_token_id": 0, "eos_token_id": 0}
                """.formatted(VOCAB, HIDDEN, INTERMEDIATE, LAYERS));
        Files.write(snap.resolve("tokenizer.json"), tokenizer);
        SplittableRandom rnd = new SplittableRandom(seed);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> w = new LinkedHashMap<>();
            w.put("gpt_neox.embed_in.weight", random(m, rnd, 0.5, VOCAB, HIDDEN));
            w.put("embed_out.weight", random(m, rnd, 0.5, VOCAB, HIDDEN));
            w.put("gpt_neox.final_layer_norm.weight", random(m, rnd, 0.1, HIDDEN).add(1));
            w.put("gpt_neox.final_layer_norm.bias", random(m, rnd, 0.1, HIDDEN));
            for (int l = 0; l < LAYERS; l++) {
                String p = "gpt_neox.layers." + l + ".";
                for (String norm : new String[] {"input_layernorm", "post_attention_layernorm"}) {
                    w.put(p + norm + ".weight", random(m, rnd, 0.1, HIDDEN).add(1));
                    w.put(p + norm + ".bias", random(m, rnd, 0.1, HIDDEN));
                }
                w.put(p + "attention.query_key_value.weight", random(m, rnd, 0.3, 3 * HIDDEN, HIDDEN));
                w.put(p + "attention.query_key_value.bias", random(m, rnd, 0.1, 3 * HIDDEN));
                w.put(p + "attention.dense.weight", random(m, rnd, 0.3, HIDDEN, HIDDEN));
                w.put(p + "attention.dense.bias", random(m, rnd, 0.1, HIDDEN));
                w.put(p + "mlp.dense_h_to_4h.weight", random(m, rnd, 0.3, INTERMEDIATE, HIDDEN));
                w.put(p + "mlp.dense_h_to_4h.bias", random(m, rnd, 0.1, INTERMEDIATE));
                w.put(p + "mlp.dense_4h_to_h.weight", random(m, rnd, 0.3, HIDDEN, INTERMEDIATE));
                w.put(p + "mlp.dense_4h_to_h.bias", random(m, rnd, 0.1, HIDDEN));
            }
            SafetensorsWriter.write(snap.resolve("model.safetensors"), w);
        }
    }

    private static Object sha1() {
        try {
            return java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NDArray random(NDManager m, SplittableRandom rnd, double scale, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        return m.create(v, s);
    }

    /** Two multiple-choice tasks over generated questions, in lm-eval's YAML format. */
    void writeTasks(int docs) throws IOException {
        Files.createDirectories(tasksDir);
        Files.writeString(tasksDir.resolve("tiny_qa.yaml"), """
                task: tiny_qa
                dataset_path: tiny/qa
                output_type: multiple_choice
                test_split: test
                doc_to_text: "Question: what comes after {{word}}?\\nAnswer:"
                doc_to_choice: "{{choices}}"
                doc_to_target: "{{label}}"
                """);
        Files.writeString(tasksDir.resolve("tiny_pick.yaml"), """
                task: tiny_pick
                dataset_path: tiny/pick
                output_type: multiple_choice
                test_split: test
                doc_to_text: "{{sentence}}"
                doc_to_choice: "{{[option1, option2]}}"
                doc_to_target: "{{answer}}"
                """);
        String[] words = {"red", "green", "blue", "cat", "dog", "sun", "moon", "tree", "river", "stone", "bird", "fish"};
        StringBuilder qa = new StringBuilder(), pick = new StringBuilder();
        for (int i = 0; i < docs; i++) {
            String w = words[i % words.length];
            String a = words[(i + 1) % words.length], b = words[(i + 5) % words.length], c = words[(i + 7) % words.length];
            qa.append(String.format("{\"word\": \"%s %d\", \"choices\": [\"%s\", \"%s and %s\", \"%s\"], \"label\": %d}%n",
                    w, i, a, b, c, c, i % 3));
            pick.append(String.format("{\"sentence\": \"The %s saw the %s near the\", \"option1\": \" %s\", \"option2\": \" %s %s\", \"answer\": %d}%n",
                    w, a, b, c, w, i % 2));
        }
        Files.createDirectories(dataDir.resolve("tiny/qa/default"));
        Files.createDirectories(dataDir.resolve("tiny/pick/default"));
        Files.writeString(dataDir.resolve("tiny/qa/default/test.jsonl"), qa);
        Files.writeString(dataDir.resolve("tiny/pick/default/test.jsonl"), pick);
    }

    /** The CLI arguments of a sweep over this world (without the subcommand). */
    List<String> sweepArgs(Path out, int checkpointEvery, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--family", "tiny", "--tasks", "tiny_qa,tiny_pick",
                "--models-dir", modelsDir.toString(), "--tasks-dir", tasksDir.toString(), "--data-dir", dataDir.toString(),
                "--hub-cache", hubCache.toString(), "--device", "cpu", "--checkpoint-every", String.valueOf(checkpointEvery),
                "--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }
}
