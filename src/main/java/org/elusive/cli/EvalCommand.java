package org.elusive.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import ai.djl.ndarray.types.DataType;
import java.util.Set;
import org.elusive.catalog.Checkpoint;
import org.elusive.core.BadInputException;
import org.elusive.core.Version;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.Warmup;
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
import org.elusive.task.DocSelection;
import org.elusive.task.Limit;
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
    /** lm-eval's names for its Hugging Face backend: `--model hf --model_args pretrained=...` is lm-eval's own spelling. */
    private static final Set<String> LM_EVAL_BACKENDS = Set.of("hf", "hf-auto", "huggingface");

    @Option(names = {"--model", "-M"}, paramLabel = "DIR|ORG/NAME@REV",
            description = "Checkpoint directory or Hugging Face id with revision in the local HF cache (or lm-eval's"
                    + " `--model hf --model_args pretrained=...`).")
    String model;

    @Option(names = {"--model_args", "-a"}, arity = "1..*", paramLabel = "KEY=VALUE",
            description = "lm-eval's model arguments: pretrained, revision, dtype, device, max_length, tokenizer"
                    + " (batch_size and trust_remote_code accepted, no effect); key=value,... or a JSON object.")
    List<String> modelArgs;

    @Option(names = {"--tasks", "-t"}, required = true, split = ",", arity = "1..*",
            description = "Tasks, groups or tags, comma- or space-separated (e.g. arc_easy,mmlu); `elusive tasks` lists them.")
    List<String> tasks;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data root: <org>/<name>/ holding <config>/<split>.{jsonl,parquet,csv} or a --local-dir download"
                    + " (default: the HF hub cache alone; order in docs/lm-eval.md).")
    Path dataDir;

    @Option(names = {"--tasks-dir", "--include_path"}, paramLabel = "DIR", description = "Extra task YAMLs, overlaid on the built-in tasks/.")
    Path tasksDir;

    @Option(names = {"--limit", "-L"}, paramLabel = "N|FRACTION",
            description = "Score only the first N docs of each task, or (below 1) that fraction of them, rounded up, as lm-eval.")
    Limit limit;

    @Option(names = {"--num-fewshot", "--num_fewshot", "-f"}, converter = Converters.NonNegative.class,
            description = "Few-shot examples (default: each task's num_fewshot).")
    Integer numFewshot;

    @Option(names = {"--samples", "-E"}, paramLabel = "JSON|FILE",
            description = "lm-eval's doc selection: {\"task\": [doc ids]} inline or in a file; other tasks are scored whole.")
    String sampleSelection;

    @Option(names = "--seed", paramLabel = "N|P,N,T,F",
            description = "lm-eval's seeds (python,numpy,torch,fewshot; one value for all); only the few-shot seed changes"
                    + " results here. Default: 0,1234,1234,1234.")
    String seed;

    @Option(names = {"--batch_size", "-b"}, paramLabel = "auto|auto:N|N",
            description = "Accepted for lm-eval commands; batching is by tokens here (--batch-tokens, halved on out of memory).")
    String batchSize;

    @Option(names = "--max_batch_size", converter = Converters.Positive.class,
            description = "Accepted for lm-eval commands (the cap of its --batch_size auto); no effect here.")
    Integer maxBatchSize;

    @Option(names = "--trust_remote_code", description = "Accepted for lm-eval commands; no effect: elusive never runs a checkpoint's code.")
    boolean trustRemoteCode;

    @Option(names = {"--write_out", "-w"}, description = "Print each task's first prompt and target before scoring, as lm-eval.")
    boolean writeOut;

    @Option(names = "--show_config", description = "Print the tasks' configs and the run's settings as JSON after scoring.")
    boolean showConfig;

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

    @Option(names = "--family", description = "Family column (default: from the family registries, else the model name).")
    String family;

    @Option(names = "--params", description = "Parameter count (default: the family registries, else counted from the weights).")
    Long params;

    @Option(names = "--tokens", description = "Training tokens of this checkpoint (default: the family registries, else NaN).")
    Double trainTokens;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Directory of family registries (default: ./models, else the project's).")
    Path modelsDir;

    @Override public Integer call() {
        // the outputs first: a bad --out must not cost a model load and a whole scoring run
        double started = System.currentTimeMillis() / 1000.0;
        if (out == null && outputPath == null) throw new BadInputException("eval: give --out FILE (choices table), --output_path PATH (lm-eval results), or both");
        if (logSamples && outputPath == null) throw new BadInputException("--log_samples: needs --output_path");
        TableFormat outFormat = out == null ? null : format.of(out);
        if (out != null) Outputs.file("--out", out);
        if (outputPath != null && !outputPath.toString().endsWith(".json")) Outputs.directory("--output_path", outputPath);
        if (batchSize != null) LmEvalSpellings.batchSize(batchSize);
        ModelArgs args = modelArgs == null ? ModelArgs.none() : ModelArgs.parse(modelArgs);
        String checkpoint = checkpoint(args);
        if (dataDir != null && !Files.isDirectory(dataDir)) throw new BadInputException("--data-dir " + dataDir + ": not a directory");
        DocSelection selection = new DocSelection(limit == null ? Limit.NONE : limit,
                sampleSelection == null ? Map.of() : LmEvalSpellings.sampleSelection(sampleSelection),
                seed == null ? DocSelection.DEFAULT_FEWSHOT_SEED : LmEvalSpellings.fewshotSeed(seed));
        int maxLen = once("--max-length", maxLength, args.maxLength()).orElse(0);
        Warmup.start();
        Evaluator evaluator = new Evaluator(new TaskSource(dataDir, tasksDir, optional(numFewshot), selection),
                runtime.scoring().withMaxLength(maxLen));
        List<String> names = evaluator.expand(tasks);
        DeviceSpec device = once("--device", runtime.device, args.device().map(DeviceSpec::parse)).orElseGet(DeviceSpec::auto);
        DataType dtype = once("--dtype", runtime.dtype, args.dtype()).orElseGet(device::defaultType);
        Path tok = once("--tokenizer", tokenizer, args.tokenizer().map(t -> Files.isDirectory(t) ? t.resolve("tokenizer.json") : t)).orElse(null);
        Identity.Given given = new Identity.Given(Optional.ofNullable(family),
                params == null ? OptionalLong.empty() : OptionalLong.of(params),
                trainTokens == null ? OptionalDouble.empty() : OptionalDouble.of(trainTokens));
        Evaluation.Target target = new Evaluation.Target(checkpoint, tok, device.device(), dtype, given, modelsDir, runtime.attention());
        EvalResult result = Evaluation.run(evaluator, names, target, EvalCommand::progressBar, System.err, writeOut);

        List<ChoiceRow> rows = result.rows();
        if (out != null) Tables.writeChoices(out, rows, outFormat);
        double seconds = result.seconds();
        System.err.printf("%s: %d choices of %d docs scored in %.1f s (%.1f docs/s, %d tokens in %d forward calls, %.0f tokens/s)%n",
                out == null ? "eval" : out, rows.size(), result.docs().size(), seconds, result.docs().size() / Math.max(seconds, 1e-9),
                result.stats().tokens(), result.stats().forwards(), result.stats().padded() / Math.max(seconds, 1e-9));
        if (outputPath != null) {
            LmEvalOutput.Written w = LmEvalOutput.write(outputPath, logSamples, result, evaluator, tasks,
                    LmEvalSettings.of(checkpoint, tok, result, dtype, device.name(), limit, maxLen, seed, runtime.attention()),
                    started, System.currentTimeMillis() / 1000.0 - started);
            System.err.println("wrote " + w.results() + (w.samples().isEmpty() ? "" : " and " + w.samples().size() + " samples file(s)"));
            System.out.print(LmEvalTable.render(w.json()));
        } else {
            for (TaskMetrics m : result.metrics()) System.err.println("  " + format(m));
        }
        if (showConfig) ShowConfig.print(result.batch(), showConfigSettings(device, dtype), System.out);
        List<DocProblem> problems = result.batch().problems();
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.size() + " doc(s) skipped, the rest was scored and written; first: "
                    + problems.get(0).message());
        }
        return ExitCodes.OK;
    }

    /** The checkpoint spec from --model or lm-eval's pretrained= (and revision=); given twice or not at all is a usage error. */
    String checkpoint(ModelArgs args) {
        String spec = model;
        if (args.pretrained().isPresent()) {
            if (spec != null && !LM_EVAL_BACKENDS.contains(spec)) {
                throw new BadInputException("--model " + spec + " and --model_args pretrained=" + args.pretrained().get()
                        + ": give the checkpoint once (--model hf, lm-eval's backend name, is accepted beside pretrained=)");
            }
            spec = args.pretrained().get();
        } else if (spec == null) {
            throw new BadInputException("give the checkpoint: --model DIR|ORG/NAME@REV or --model_args pretrained=DIR|ORG/NAME");
        } else if (LM_EVAL_BACKENDS.contains(spec)) {
            throw new BadInputException("--model " + spec + " names lm-eval's backend; give the checkpoint with --model_args pretrained=DIR|ORG/NAME");
        }
        if (args.revision().isEmpty()) return spec;
        if (Files.isDirectory(Path.of(spec)) || spec.contains("@")) {
            throw new BadInputException("--model_args revision=" + args.revision().get() + ": " + spec
                    + (spec.contains("@") ? " already names a revision" : " is a directory; a revision applies to a hub id ORG/NAME"));
        }
        return spec + "@" + args.revision().get();
    }

    /** A setting given as an elusive flag or inside --model_args: either, not both with different values. */
    static <T> Optional<T> once(String flag, T fromFlag, Optional<T> fromModelArgs) {
        if (fromFlag != null && fromModelArgs.isPresent() && !fromFlag.equals(fromModelArgs.get())) {
            throw new BadInputException(flag + " " + fromFlag + " and --model_args " + fromModelArgs.get() + ": give it once");
        }
        return fromFlag != null ? Optional.of(fromFlag) : fromModelArgs;
    }

    private static OptionalInt optional(Integer n) { return n == null ? OptionalInt.empty() : OptionalInt.of(n); }

    /** The run's settings, printed by --show_config beside the tasks' configs. */
    private Map<String, Object> showConfigSettings(DeviceSpec device, DataType dtype) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("harness", Version.harness());
        cfg.put("num_fewshot", numFewshot);
        cfg.put("limit", limit == null ? null : limit.value() == Math.rint(limit.value()) ? (Object) (long) limit.value() : (Object) limit.value());
        cfg.put("dtype", dtype.toString());
        cfg.put("device", device.name());
        cfg.put("fewshot_seed", seed == null ? DocSelection.DEFAULT_FEWSHOT_SEED : LmEvalSpellings.fewshotSeed(seed));
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
