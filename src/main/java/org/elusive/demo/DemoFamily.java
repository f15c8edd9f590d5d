package org.elusive.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.elusive.model.GptNeoX;

/**
 * The demo's model family: a few GPT-NeoX sizes trained on the demo corpus, laid out exactly as real
 * checkpoints are (an HF hub cache with refs per revision, and a family registry in models/*.yaml
 * form), so the sweep finds them through the same resolver and registry as Pythia's.
 */
public record DemoFamily(List<Size> sizes, int[] steps, DemoTrainer.Recipe recipe) {

    /** One model size: hidden width, layers and heads. */
    public record Size(String name, int hidden, int layers, int heads) {}

    public static final String FAMILY = "demo";

    public static DemoFamily standard() {
        return new DemoFamily(List.of(new Size("xs", 16, 1, 2), new Size("s", 32, 2, 4), new Size("m", 64, 2, 4),
                new Size("l", 96, 3, 4)), new int[] {25, 50, 75, 100, 150, 200, 300, 400}, DemoTrainer.Recipe.standard());
    }

    /** This family cut to some sizes and other checkpoint steps; null keeps what it has. */
    public DemoFamily restrict(List<String> names, int[] newSteps) {
        List<Size> kept = names == null ? sizes : sizes.stream().filter(s -> names.contains(s.name())).toList();
        if (kept.isEmpty()) throw new org.elusive.core.BadInputException("--sizes " + names + ": expected some of "
                + sizes.stream().map(Size::name).toList());
        int[] st = newSteps == null ? steps : newSteps.clone();
        for (int i = 0; i < st.length; i++) {
            if (st[i] < 1 || (i > 0 && st[i] <= st[i - 1])) {
                throw new org.elusive.core.BadInputException("--steps " + java.util.Arrays.toString(st) + ": expected positive, ascending steps");
            }
        }
        return new DemoFamily(kept, st, recipe);
    }

    public GptNeoX.Config config(Size s, int vocabSize) {
        return new GptNeoX.Config(vocabSize, s.hidden(), s.layers(), s.heads(), 4 * s.hidden(), 0.25, 10000, true,
                1e-5, 64, "gelu", true, false, 0, 0);
    }

    public static String repo(Size s) { return "elusive-demo/neox-" + s.name(); }

    /** Where revision {@code step<k>} of a size lives in the hub cache under {@code hub}. */
    static Path snapshot(Path hub, Size s, int step) {
        String hash = HexFormat.of().formatHex(sha1(repo(s) + "@step" + step));
        return hub.resolve("models--" + repo(s).replace("/", "--")).resolve("snapshots").resolve(hash);
    }

    /**
     * Trains every size whose checkpoints are not all in {@code hub} yet (a size is trained in one go, so
     * a complete set of its checkpoints means it is done) and returns the number of sizes trained.
     */
    public int ensureTrained(Path hub, List<String> vocabulary, int[] tokens, Path tokenizerJson, IntConsumer onStep)
            throws IOException {
        int trained = 0;
        for (Size s : sizes) {
            boolean done = IntStream.of(steps).allMatch(k -> Files.exists(snapshot(hub, s, k).resolve("model.safetensors")));
            if (done) continue;
            Path staging = hub.resolve(".train-" + s.name());
            DemoTrainer.train(config(s, vocabulary.size()), tokens, recipe, steps, tokenizerJson, staging, onStep);
            for (int k : steps) {
                Path snap = snapshot(hub, s, k);
                Files.createDirectories(snap.getParent());
                if (Files.exists(snap)) DemoTrainer.deleteTree(snap);
                Files.move(staging.resolve("step" + k), snap);
                Path ref = snap.getParent().getParent().resolve("refs").resolve("step" + k);
                Files.createDirectories(ref.getParent());
                Files.writeString(ref, snap.getFileName().toString());
            }
            DemoTrainer.deleteTree(staging);
            trained++;
        }
        return trained;
    }

    /** The family registry (models/demo.yaml) with exact parameter counts and tokens per step. */
    public String registryYaml(int vocabSize) {
        String models = sizes.stream().map(s -> "  - {size: " + s.name() + ", hf: " + repo(s) + ", params: "
                + GptNeoX.shapes(config(s, vocabSize)).values().stream()
                        .mapToLong(shape -> java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)).sum() + "}")
                .collect(Collectors.joining("\n"));
        return "# Written by `elusive demo`: tiny GPT-NeoX models trained on the demo corpus.\n"
                + "family: " + FAMILY + "\n"
                + "description: elusive demo family (GPT-NeoX, trained in-process with DJL)\n"
                + "architecture: GPTNeoXForCausalLM\n"
                + "revision: \"step{step}\"\n"
                + "tokens_per_step: " + recipe.batch() * recipe.seqLen() + "\n"
                + "steps: " + IntStream.of(steps).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]")) + "\n"
                + "models:\n" + models + "\n";
    }

    private static byte[] sha1(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
