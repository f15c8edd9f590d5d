package org.elusive.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.elusive.catalog.Checkpoint;
import org.elusive.core.BadInputException;
import org.elusive.eval.EvalResult;
import org.elusive.eval.Evaluation;
import org.elusive.eval.Evaluator;
import org.elusive.eval.Identity;
import org.elusive.eval.LmEvalOutput;
import org.elusive.eval.LmEvalTable;
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
                "shared contexts packed) -> choices table (docs/design.md §3.1) and/or lm-eval 0.4.13's results JSON and samples."})
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

    @Option(names = "--out", paramLabel = "FILE", description = "Choices table to write (docs/design.md §3.1).")
    Path out;

    @Mixin
    OutputFormatOption format = new OutputFormatOption();

    @Option(names = {"--output_path", "--output-path", "-o"}, paramLabel = "PATH",
            description = {"Write lm-eval 0.4.13's results JSON as lm-eval does: PATH/<model>/results_<date>.json,",
                    "or <PATH minus .json>_<date>.json for a PATH ending in .json (docs/lm-eval-output.md)."})
    Path outputPath;

    @Option(names = {"--log_samples", "--log-samples"},
            description = "Also write lm-eval's per-doc samples_<task>_<date>.jsonl beside the results JSON (needs --output_path).")
    boolean logSamples;

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
        double started = System.currentTimeMillis() / 1000.0;
        if (out == null && outputPath == null) throw new BadInputException("eval: give --out FILE (choices table), --output_path PATH (lm-eval results), or both");
        if (logSamples && outputPath == null) throw new BadInputException("--log_samples: needs --output_path");
        TableFormat outFormat = out == null ? null : format.of(out);
        if (out != null) Outputs.file("--out", out);
        if (outputPath != null && !outputPath.toString().endsWith(".json")) Outputs.directory("--output_path", outputPath);
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
        if (out != null) Tables.writeChoices(out, rows, outFormat);
        double seconds = result.seconds();
        System.err.printf("%s: %d choices of %d docs scored in %.1f s (%.1f docs/s, %d tokens in %d forward calls, %.0f tokens/s)%n",
                out == null ? "eval" : out, rows.size(), result.docs().size(), seconds, result.docs().size() / Math.max(seconds, 1e-9),
                result.stats().tokens(), result.stats().forwards(), result.stats().padded() / Math.max(seconds, 1e-9));
        if (outputPath != null) {
            LmEvalOutput.Written w = LmEvalOutput.write(outputPath, logSamples, result, evaluator, tasks,
                    LmEvalSettings.of(model, tokenizer, result, runtime, limit, maxLength), started,
                    System.currentTimeMillis() / 1000.0 - started);
            System.err.println("wrote " + w.results() + (w.samples().isEmpty() ? "" : " and " + w.samples().size() + " samples file(s)"));
            System.out.print(LmEvalTable.render(w.json()));
        } else {
            for (TaskMetrics m : result.metrics()) System.err.println("  " + format(m));
        }
        List<DocProblem> problems = result.batch().problems();
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.size() + " doc(s) skipped, the rest was scored and written; first: "
                    + problems.get(0).message());
        }
        return ExitCodes.OK;
    }

    private static OptionalInt optional(Integer n) { return n == null ? OptionalInt.empty() : OptionalInt.of(n); }

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
