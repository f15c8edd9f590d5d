package org.elusive.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elusive.scoring.ScoredDoc;
import org.elusive.scoring.TaskMetrics;
import org.elusive.task.PyJson;
import org.elusive.task.TaskConfig;

/**
 * What {@code lm_eval --output_path PATH [--log_samples]} writes, where it writes it: under a directory
 * PATH, {@code PATH/<model name sanitized>/results_<date>.json} and, with samples,
 * {@code samples_<task>_<date>.jsonl} beside it; for a PATH ending in {@code .json},
 * {@code <PATH without .json>_<date>.json} with the samples in its directory. The files are written as
 * lm-eval's {@code json.dumps(..., ensure_ascii=False)} writes them (results indented by 2), so lm-eval's
 * own readers ({@code make_table}, its samples loaders, {@code elusive import-lm-eval}) take them.
 */
public final class LmEvalOutput {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSSSSS");

    /**
     * The run as the results' {@code config} and header keys record it.
     *
     * @param modelName the model as given (lm-eval's pretrained=…), which names the output directory
     * @param modelArgs lm-eval's model_args mapping (pretrained, revision, dtype)
     * @param limit     --limit as lm-eval records it (a float), or null
     * @param padToken  lm-eval's [token, id] pairs; eos and bos likewise
     * @param seeds     lm-eval's random, numpy, torch and few-shot seeds (null for None)
     * @param elusive   elusive's own keys (version, family, tokens, timings …), written under "elusive"
     */
    public record Settings(String modelName, Map<String, Object> modelArgs, String revision, long params, String dtype,
            String device, String batchSize, Double limit, int maxLength, Integer eotTokenId, List<String> padToken,
            List<String> eosToken, List<String> bosToken, String environment, List<Long> seeds, Map<String, Object> elusive) {}

    /** The files written and the results mapping (for printing the table). */
    public record Written(Path results, List<Path> samples, Map<String, Object> json) {}

    private LmEvalOutput() {}

    /**
     * Writes the results JSON (and the samples when {@code logSamples}) of {@code result}.
     *
     * @param requested  the --tasks names as given (groups among them are reported as groups)
     * @param startEpoch the run's start in seconds since the epoch (lm-eval's {@code date})
     */
    public static Written write(Path outputPath, boolean logSamples, EvalResult result, Evaluator evaluator,
            List<String> requested, Settings settings, double startEpoch, double seconds) {
        String date = LocalDateTime.now().format(DATE);
        boolean file = outputPath.getFileName().toString().endsWith(".json");
        Path dir = file ? parent(outputPath) : outputPath.resolve(sanitize(settings.modelName()));
        Path results = file ? dir.resolve(stem(outputPath) + "_" + date + ".json") : dir.resolve("results_" + date + ".json");
        List<LmEvalResults.TaskOutcome> outcomes = new ArrayList<>();
        List<Path> samples = new ArrayList<>();
        for (String name : result.batch().tasks()) {
            TaskConfig cfg = result.batch().configs().get(name);
            LmEvalTask task = LmEvalTask.of(cfg);
            List<Map<String, Object>> docs = cfg.evalDocs(evaluator.source().dataDir());
            List<ScoredDoc> scored = result.docs(name);
            String hash = null;
            if (logSamples) {
                StringBuilder hashes = new StringBuilder();
                StringBuilder lines = new StringBuilder();
                for (ScoredDoc d : scored) {
                    Map<String, Object> doc = docs.get((int) d.request().docId());
                    Map<String, Object> s = LmEvalSample.of(d, doc, cfg.docToTarget(doc), task);
                    hashes.append(s.get("doc_hash")).append(s.get("prompt_hash")).append(s.get("target_hash"));
                    lines.append(PyJson.dumps(s)).append('\n');
                }
                hash = LmEvalSample.sha256(hashes.toString());
                Path f = dir.resolve("samples_" + name + "_" + date + ".jsonl");
                writeText(f, lines.toString());
                samples.add(f);
            }
            TaskMetrics metrics = TaskMetrics.of(name, scored, task.loglikelihood(), task.metrics());
            int k = evaluator.source().numFewshot().orElse(cfg.defaultNumFewshot());
            outcomes.add(new LmEvalResults.TaskOutcome(task, metrics, k, docs.size(), hash));
        }
        Map<String, Object> json = LmEvalResults.build(outcomes, new LmEvalGroups(evaluator.registry(), requested),
                settings, startEpoch, seconds);
        writeText(results, PyJson.dumps(json, 2));
        return new Written(results, samples, json);
    }

    /** lm-eval's sanitize_model_name: runs of {@code "<>:/|\?*[]} become {@code __}. */
    public static String sanitize(String modelName) {
        return modelName.replaceAll("[\"<>:/|\\\\?*\\[\\]]+", "__");
    }

    private static Path parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - ".json".length());
    }

    /** Written to a temporary file and moved into place, so a crash leaves no half file under the final name. */
    private static void writeText(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot write", e);
        }
    }
}
