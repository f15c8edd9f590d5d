package org.elusive.cli;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.elusive.BadInputException;
import org.elusive.model.CausalLM;
import org.elusive.model.Checkpoint;
import org.elusive.model.CheckpointLoader;
import org.elusive.model.CheckpointResolver;
import org.elusive.model.Tokenizers;
import org.elusive.scoring.Identity;
import org.elusive.scoring.SamplesWriter;
import org.elusive.scoring.ScoredDoc;
import org.elusive.scoring.Scorer;
import org.elusive.scoring.ScoringOptions;
import org.elusive.scoring.TaskMetrics;
import org.elusive.store.ChoiceRow;
import org.elusive.store.Tables;
import org.elusive.task.DocProblem;
import org.elusive.task.Request;
import org.elusive.task.TaskConfig;
import org.elusive.task.TaskRequests;
import org.elusive.task.Tasks;
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
                "shared contexts packed) -> choices table (DESIGN §3.1), optionally lm-eval-style samples."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME@REV",
            description = "Checkpoint directory or Hugging Face id with revision in the local HF cache.")
    String model;

    @Option(names = "--tasks", required = true, description = "Tasks, groups or tags, comma-separated (e.g. arc_easy,mmlu).")
    String tasks;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "Data root laid out as <org>/<name>/<config>/<split>.{jsonl,parquet,csv}.")
    Path dataDir;

    @Option(names = "--tasks-dir", paramLabel = "DIR", description = "Extra task YAMLs, overlaid on the built-in tasks/.")
    Path tasksDir;

    @Option(names = "--limit", description = "Score only the first N docs of each task.")
    Integer limit;

    @Option(names = "--num-fewshot", description = "Few-shot examples (default: each task's num_fewshot).")
    Integer numFewshot;

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = "--max-length", description = "Model context for lm-eval's left truncation (default: max_position_embeddings).")
    int maxLength;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json (default: the checkpoint's).")
    Path tokenizer;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Choices table to write.")
    Path out;

    @Option(names = "--format", description = "parquet, csv or jsonl (default: from the extension of --out, else parquet).")
    String format;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Also write lm-eval --log_samples files here: samples_<task>_<date>.jsonl and results_<date>.json (acc, acc_norm ± stderr).")
    Path samples;

    @Option(names = "--family", description = "Family column (default: from models/*.yaml, else the model name).")
    String family;

    @Option(names = "--params", description = "Parameter count (default: models/*.yaml, else counted from the weights).")
    Long params;

    @Option(names = "--tokens", description = "Training tokens of this checkpoint (default: models/*.yaml, else NaN).")
    Double trainTokens;

    @Override public Integer call() {
        List<String> names = Tasks.expand(tasks, tasksDir);
        OptionalInt k = numFewshot == null ? OptionalInt.empty() : OptionalInt.of(numFewshot);
        OptionalInt lim = limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
        if (!Files.isDirectory(dataDir)) throw new BadInputException("--data-dir " + dataDir + ": not a directory");
        Map<String, TaskConfig> configs = new LinkedHashMap<>();
        List<Request> requests = new ArrayList<>();
        List<DocProblem> problems = new ArrayList<>();
        for (String name : names) {
            TaskConfig cfg = Tasks.load(name, tasksDir);
            TaskRequests tr = cfg.requests(dataDir, k, lim);
            configs.put(name, cfg);
            requests.addAll(tr.requests());
            problems.addAll(tr.problems());
        }
        for (DocProblem p : problems) System.err.println("warning: skipping doc: " + p.message());

        Path dir = CheckpointResolver.resolve(model);
        Device dev = runtime.device();
        DataType type = runtime.dataType(dev);
        runtime.attention(); // a bad --attention fails here, before the model loads
        ScoringOptions options = runtime.scoring().withMaxLength(maxLength);
        List<ScoredDoc> scored = new ArrayList<>();
        Checkpoint ckpt;
        long started = 0, loaded = System.nanoTime();
        Scorer.Stats stats;
        try (HuggingFaceTokenizer tok = Tokenizers.load(tokenizer != null ? tokenizer : dir);
                CausalLM lm = runtime.configure(CheckpointLoader.load(dir, dev, type))) {
            ckpt = Identity.of(model, dir, lm, family, params, trainTokens);
            Scorer scorer = new Scorer(lm, tok, options);
            System.err.printf("loaded %s (%s, %s) in %.1f s%n", dir, dev, type, (System.nanoTime() - loaded) / 1e9);
            started = System.nanoTime();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("eval " + ckpt.model()).setInitialMax(requests.size())
                    .setUnit(" docs", 1).showSpeed().setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(500).build()) {
                scorer.score(requests, ckpt, d -> {
                    scored.add(d);
                    bar.step();
                });
            }
            stats = scorer.stats();
            if (scorer.backoffs() > 0) System.err.println("note: out of memory " + scorer.backoffs() + " time(s); batches were halved");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        scored.sort(Comparator.comparing((ScoredDoc d) -> names.indexOf(d.request().task()))
                .thenComparingLong(d -> d.request().docId()));
        List<ChoiceRow> rows = new ArrayList<>();
        scored.forEach(d -> rows.addAll(d.choices()));
        Tables.writeChoices(out, rows, ScoresCommand.outputFormat(format, out));

        List<TaskMetrics> metrics = new ArrayList<>();
        String date = SamplesWriter.dateId();
        for (String name : names) {
            List<ScoredDoc> mine = scored.stream().filter(d -> d.request().task().equals(name)).toList();
            boolean ll = configs.get(name).outputType().equals("loglikelihood");
            metrics.add(TaskMetrics.of(name, mine, ll));
            if (samples != null) {
                SamplesWriter.writeSamples(samples, name, date, mine, Identity.rawDocs(configs.get(name), dataDir, mine), ll);
            }
        }
        if (samples != null) {
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("harness", "elusive 0.1.0");
            cfg.put("num_fewshot", numFewshot);
            cfg.put("limit", limit);
            cfg.put("dtype", type.toString());
            cfg.put("device", runtime.deviceName());
            SamplesWriter.writeResults(samples, date, metrics, ckpt, cfg);
        }
        System.err.printf("%s: %d choices of %d docs scored in %.1f s (%.1f docs/s, %d tokens in %d forward calls, %.0f tokens/s)%n",
                out, rows.size(), scored.size(), seconds, scored.size() / Math.max(seconds, 1e-9), stats.tokens(),
                stats.forwards(), stats.padded() / Math.max(seconds, 1e-9));
        for (TaskMetrics m : metrics) System.err.println("  " + format(m));
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.size() + " doc(s) skipped, the rest was scored and written; first: "
                    + problems.get(0).message());
        }
        return ExitCodes.OK;
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
