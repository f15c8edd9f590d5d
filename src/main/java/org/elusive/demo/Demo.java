package org.elusive.demo;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.elusive.catalog.Family;
import org.elusive.catalog.Steps;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.TaskSource;
import org.elusive.scoring.ScoringOptions;
import org.elusive.store.Tables;
import org.elusive.sweep.ModelBackend;
import org.elusive.sweep.Sweep;
import org.elusive.sweep.SweepArgs;
import org.elusive.sweep.SweepBackend;
import org.elusive.sweep.SweepPlan;
import org.elusive.sweep.Unit;
import org.elusive.sweep.UnitRunner;

/**
 * The whole pipeline on a family made from nothing: generate a world and its corpus, train a few
 * GPT-NeoX sizes (cached), run the real sweep over their checkpoints, then scores, correlations,
 * figures and REPORT.md. Everything lands under one output directory; a rerun reuses what is done.
 */
public final class Demo {

    /** What to run: where, which family, and optionally a real-benchmark slice. */
    public record Options(Path out, DemoFamily family, int entities, long seed, Path dataDir, int arcDocs) {}

    public static final String TASK = "demo_facts";

    private Demo() {}

    public static Path run(Options o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        // The demo's models are tiny: libtorch's thread pool costs far more than it gains on them
        // (measured 9 ms vs 250+ ms per forward on 2 busy cores). Read when the engine starts.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
        Files.createDirectories(o.out());
        DemoWorld world = DemoWorld.generate(o.entities(), o.seed());
        List<String> vocab = world.vocabulary();
        Path hub = o.out().resolve("hub");
        resetIfStale(o, vocab, hub);
        Path tokenizer = o.out().resolve("tokenizer.json");
        DemoTokenizer.write(vocab, tokenizer);
        writeTask(world, o);
        Path models = o.out().resolve("models");
        Files.createDirectories(models);
        Files.writeString(models.resolve(DemoFamily.FAMILY + ".yaml"), o.family().registryYaml(vocab.size()));

        int[] tokens = DemoTrainer.encode(world.corpus(40_000, o.seed() + 1), vocab);
        int total = o.family().sizes().size() * o.family().steps()[o.family().steps().length - 1];
        log.printf("demo: %d entities, %d-word vocabulary, corpus of %d tokens; family of %d sizes × %d checkpoints%n",
                o.entities(), vocab.size(), tokens.length, o.family().sizes().size(), o.family().steps().length);
        int trained = o.family().ensureTrained(hub, vocab, tokens, tokenizer, step -> {
            if (step % 100 == 0) log.printf("demo: training … step %d%n", step);
        });
        log.printf("demo: %s%n", trained == 0 ? "reusing the trained family" : "trained " + trained + " sizes (" + total + " steps in all)");

        List<String> tasks = new ArrayList<>(List.of(TASK));
        Path results = o.out().resolve("sweep");
        Sweep.Outcome outcome = sweep(o, models, hub, TASK, null, results, log);
        if (o.dataDir() != null) {
            tasks.add("arc_easy");
            linkArc(o.dataDir(), o.out().resolve("data"));
            outcome = add(outcome, sweep(o, models, hub, "arc_easy", o.arcDocs(), results, log));
        }
        int nUnits = outcome.completed() + outcome.skipped();
        List<String> figures = DemoFigures.write(results, o.out());
        String forecasting = DemoForecast.run(results, o.out());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String info = String.format(Locale.ROOT, "Family `%s`: %d GPT-NeoX sizes × checkpoints at steps %s, trained "
                + "in-process with DJL on a generated corpus of %d tokens (%d entities, %d-word vocabulary). "
                + "Tasks: %s. Sweep: %d units (%d run now, %d reused). Wall time of this run: %.0f s.",
                DemoFamily.FAMILY, o.family().sizes().size(), java.util.Arrays.toString(o.family().steps()),
                tokens.length, o.entities(), vocab.size(), String.join(", ", tasks), nUnits, outcome.completed(),
                outcome.skipped(), seconds);
        Path report = o.out().resolve("REPORT.md");
        Files.writeString(report, DemoReport.markdown(Tables.readScores(results.resolve("scores.parquet")),
                Tables.readSummaries(results.resolve("correlations_summary.parquet")), figures, info) + "\n" + forecasting);
        log.printf("demo: done in %.0f s; report: %s%n", seconds, report);
        return report;
    }

    /** One task over every checkpoint of the family, through the real sweep (resumable, cached). */
    static Sweep.Outcome sweep(Options o, Path models, Path hub, String task, Integer limit, Path results,
            PrintStream log) throws Exception {
        TaskSource source = new TaskSource(o.out().resolve("data"), o.out().resolve("tasks"), OptionalInt.empty(),
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
        SweepArgs args = new SweepArgs(new SweepArgs.Selection(DemoFamily.FAMILY, List.of(), Steps.ALL, Family.Counts.EXACT,
                models), List.of(task), source, hub, Optional.of(DeviceSpec.parse("cpu")), Optional.of(DataType.FLOAT32),
                ScoringOptions.defaults(), SweepArgs.Prefetch.AUTO);
        SweepBackend backend = new ModelBackend();
        List<Unit> units = SweepPlan.units(backend.checkpoints(args), backend.tasks(args));
        Sweep.Outcome outcome;
        try (UnitRunner runner = backend.runner(args)) {
            outcome = new Sweep(results, runner, backend.aggregator(args), new Sweep.Options(2000, 0), log).run(units, units);
        }
        if (!outcome.failures().isEmpty()) {
            throw new IllegalStateException("demo: " + outcome.failures().size() + " sweep units failed, first: "
                    + outcome.failures().get(0));
        }
        return outcome;
    }

    private static Sweep.Outcome add(Sweep.Outcome a, Sweep.Outcome b) {
        return new Sweep.Outcome(a.completed() + b.completed(), a.skipped() + b.skipped(), a.busy() + b.busy(), List.of());
    }

    /** The demo task in lm-eval's YAML format, and its documents in the data-root layout. */
    static void writeTask(DemoWorld world, Options o) throws IOException {
        Path tasks = o.out().resolve("tasks");
        Files.createDirectories(tasks);
        Files.writeString(tasks.resolve(TASK + ".yaml"), """
                # Written by `elusive demo`: cloze questions about the generated world's facts.
                task: demo_facts
                dataset_path: elusive/demo_facts
                output_type: multiple_choice
                test_split: test
                doc_to_text: "{{context}}"
                doc_to_choice: "{{choices}}"
                doc_to_target: gold
                """);
        Path split = o.out().resolve("data/elusive/demo_facts/default/test.jsonl");
        Files.createDirectories(split.getParent());
        ObjectMapper json = new ObjectMapper();
        try (Writer w = Files.newBufferedWriter(split)) {
            for (DemoWorld.Question q : world.questions(o.seed() + 2)) {
                ObjectNode doc = json.createObjectNode();
                doc.put("context", q.context()).put("gold", q.gold());
                q.choices().forEach(doc.putArray("choices")::add);
                w.write(json.writeValueAsString(doc));
                w.write('\n');
            }
        }
    }

    /** Makes the real ARC-Easy split visible under the demo's data root without copying it. */
    static void linkArc(Path userData, Path dataDir) throws IOException {
        Path source = userData.resolve("allenai/ai2_arc").toAbsolutePath();
        if (!Files.isDirectory(source)) {
            throw new org.elusive.core.BadInputException(userData + ": no allenai/ai2_arc/ARC-Easy/test.{jsonl,parquet,csv} under --data-dir");
        }
        Path link = dataDir.resolve("allenai/ai2_arc");
        Files.createDirectories(link.getParent());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, source);
    }

    /** A cached family trained under another recipe or world would mislead: start it again. */
    static void resetIfStale(Options o, List<String> vocab, Path hub) throws IOException {
        DemoFamily f = o.family();
        String fingerprint = f.sizes() + "|" + java.util.Arrays.toString(f.steps()) + "|" + f.recipe() + "|"
                + o.entities() + "|" + o.seed() + "|" + vocab.hashCode();
        Path stamp = hub.resolve("demo-family.txt");
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) return;
        if (Files.exists(hub)) DemoTrainer.deleteTree(hub);
        Path sweep = o.out().resolve("sweep");
        if (Files.exists(sweep)) DemoTrainer.deleteTree(sweep);
        Files.createDirectories(hub);
        Files.writeString(stamp, fingerprint);
    }
}
