package org.elusive.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.elusive.catalog.Checkpoint;
import org.elusive.core.BadInputException;
import org.elusive.core.Version;
import org.elusive.eval.EvalResult;
import org.elusive.eval.Evaluation;
import org.elusive.eval.Evaluator;
import org.elusive.eval.Identity;
import org.elusive.eval.TaskSource;
import org.elusive.rows.ChoiceRow;
import org.elusive.scoring.ScoredDoc;
import org.elusive.scoring.TaskMetrics;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;
import org.elusive.task.DocProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scores one checkpoint on tasks. Every task's requests are built before the model loads, so an
 * unknown task, a missing dataset file or a broken template fails in seconds; a doc that cannot be
 * built (e.g. its target is out of range) is skipped with a warning, the rest is scored and written,
 * and the command then exits 2 naming the skipped docs.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score one checkpoint on multiple-choice tasks (lm-eval's log-likelihoods, computed with",
                "shared contexts packed) -> choices table (docs/design.md §3.1), optionally lm-eval-style samples."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME@REV",
            description = "Checkpoint directory or Hugging Face id with revision in the local HF cache.")
    String model;

    @Option(names = "--tasks", required = true, split = ",", description = "Tasks, groups or tags, comma-separated (e.g. arc_easy,mmlu).")
    List<String> tasks;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "Data root laid out as <org>/<name>/<config>/<split>.{jsonl,parquet,csv}.")
    Path dataDir;

    @Option(names = "--tasks-dir", paramLabel = "DIR", description = "Extra task YAMLs, overlaid on the built-in tasks/.")
    Path tasksDir;

    @Option(names = "--limit", converter = Converters.Positive.class, description = "Score only the first N docs of each task.")
    Integer limit;

    @Option(names = "--num-fewshot", converter = Converters.NonNegative.class, description = "Few-shot examples (default: each task's num_fewshot).")
    Integer numFewshot;

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = "--max-length", converter = Converters.Positive.class,
            description = "Model context for lm-eval's left truncation (default: max_position_embeddings).")
    Integer maxLength;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json (default: the checkpoint's).")
    Path tokenizer;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Choices table to write.")
    Path out;

    @Mixin
    OutputFormatOption format = new OutputFormatOption();

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Also write lm-eval --log_samples files here: samples_<task>_<date>.jsonl and results_<date>.json (acc, acc_norm ± stderr).")
    Path samples;

    @Option(names = "--family", description = "Family column (default: from models/*.yaml, else the model name).")
    String family;

    @Option(names = "--params", description = "Parameter count (default: models/*.yaml, else counted from the weights).")
    Long params;

    @Option(names = "--tokens", description = "Training tokens of this checkpoint (default: models/*.yaml, else NaN).")
    Double trainTokens;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Directory of family registries (default: models).")
    Path modelsDir;

    @Override public Integer call() {
        // the outputs first: a bad --out must not cost a model load and a whole scoring run
        TableFormat outFormat = format.of(out);
        Outputs.file("--out", out);
        if (samples != null) Outputs.directory("--samples", samples);
        Evaluator evaluator = new Evaluator(new TaskSource(dataDir, tasksDir, optional(numFewshot), optional(limit)),
                runtime.scoring().withMaxLength(maxLength == null ? 0 : maxLength));
        List<String> names = evaluator.expand(tasks);
        if (!Files.isDirectory(dataDir)) throw new BadInputException("--data-dir " + dataDir + ": not a directory");
        Identity.Given given = new Identity.Given(Optional.ofNullable(family),
                params == null ? OptionalLong.empty() : OptionalLong.of(params),
                trainTokens == null ? OptionalDouble.empty() : OptionalDouble.of(trainTokens));
        Evaluation.Target target = new Evaluation.Target(model, tokenizer, runtime.device().device(), runtime.dataType(),
                given, modelsDir, runtime.attention());
        EvalResult result = Evaluation.run(evaluator, names, target, EvalCommand::progressBar, System.err);

        List<ChoiceRow> rows = result.rows();
        Tables.writeChoices(out, rows, outFormat);
        if (samples != null) result.writeSamples(samples, dataDir, samplesConfig());
        double seconds = result.seconds();
        System.err.printf("%s: %d choices of %d docs scored in %.1f s (%.1f docs/s, %d tokens in %d forward calls, %.0f tokens/s)%n",
                out, rows.size(), result.docs().size(), seconds, result.docs().size() / Math.max(seconds, 1e-9),
                result.stats().tokens(), result.stats().forwards(), result.stats().padded() / Math.max(seconds, 1e-9));
        for (TaskMetrics m : result.metrics()) System.err.println("  " + format(m));
        List<DocProblem> problems = result.batch().problems();
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.size() + " doc(s) skipped, the rest was scored and written; first: "
                    + problems.get(0).message());
        }
        return ExitCodes.OK;
    }

    private static OptionalInt optional(Integer n) { return n == null ? OptionalInt.empty() : OptionalInt.of(n); }

    /** The run's settings in results_<date>.json, as lm-eval's {@code config}. */
    private Map<String, Object> samplesConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("harness", Version.harness());
        cfg.put("num_fewshot", numFewshot);
        cfg.put("limit", limit);
        cfg.put("dtype", runtime.dataType().toString());
        cfg.put("device", runtime.device().name());
        return cfg;
    }

    /** A progress bar over the docs, on stderr (plain final line only when stderr is a log: {@link Progress}). */
    private static Evaluation.Progress.Sink progressBar(Checkpoint ckpt, int requests) {
        Progress bar = Progress.start("eval " + ckpt.model(), requests, " docs");
        return new Evaluation.Progress.Sink() {
            @Override public void accept(ScoredDoc d) { bar.step(); }

            @Override public void close() { bar.close(); }
        };
    }

    static String format(TaskMetrics m) {
        StringBuilder s = new StringBuilder(String.format("%-28s n=%-6d", m.task(), m.n()));
        m.values().forEach((k, v) -> {
            Double se = m.stderrs().get(k);
            s.append(String.format("  %s %.4f", k, v));
            if (se != null && !se.isNaN()) s.append(String.format(" ± %.4f", se));
        });
        return s.toString();
    }
}
