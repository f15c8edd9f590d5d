package org.elusive.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.elusive.catalog.Checkpoint;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.Request;

/**
 * Writes lm-evaluation-harness {@code --log_samples} output, named as lm-eval names it:
 * {@code samples_<task>_<date>.jsonl} with the
 * fields lm-eval 0.4.13 writes (arguments as {@code gen_args_i/arg_j}, resps and filtered_resps as
 * stringified {@code [ll, is_greedy]}, target as a string, the per-doc metrics), and
 * {@code results_<date>.json} with each task's metrics and stderrs under lm-eval's {@code "metric,none"}
 * keys and {@code config.model_args = "pretrained=<model>,revision=<revision>"}.
 * {@code elusive import-lm-eval} reads these back.
 */
public final class SamplesWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamplesWriter() {}

    /**
     * @param docs  the task's scored docs, in doc order
     * @param raw   the dataset row of each doc id (may be null: the doc field is then empty)
     */
    public static void writeSamples(Path dir, String task, String date, List<ScoredDoc> docs, Map<Long, Map<String, Object>> raw,
            boolean loglikelihood) {
        try {
            Files.createDirectories(dir);
            String name = "samples_" + task + "_" + date + ".jsonl";
            Path tmp = dir.resolve(name + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (ScoredDoc d : docs) {
                    w.write(JSON.writeValueAsString(sample(d, raw == null ? null : raw.get(d.request().docId()), loglikelihood)));
                    w.write('\n');
                }
            }
            Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write samples", e);
        }
    }

    static ObjectNode sample(ScoredDoc d, Map<String, Object> doc, boolean loglikelihood) {
        Request r = d.request();
        ObjectNode s = JSON.createObjectNode();
        s.put("doc_id", r.docId());
        s.set("doc", doc == null ? JSON.createObjectNode() : JSON.valueToTree(doc));
        // lm-eval's str(doc_to_target): the gold index, LAMBADA's continuation, WinoGrande's shared
        // continuation without the target delimiter
        String target = loglikelihood ? r.continuations().get(0)
                : r.contexts().size() > 1 ? stripDelimiter(r.continuations().get(0)) : String.valueOf(r.gold());
        s.put("target", target);
        ObjectNode args = s.putObject("arguments");
        ArrayNode resps = s.putArray("resps"), filtered = s.putArray("filtered_resps");
        for (int c = 0; c < r.nChoices(); c++) {
            ObjectNode a = args.putObject("gen_args_" + c);
            a.put("arg_0", r.context(c));
            a.put("arg_1", r.continuations().get(c));
            ChoiceRow row = d.choices().get(c);
            ArrayNode pair = JSON.createArrayNode().add(pyFloat(row.logprob())).add(row.greedy() ? "True" : "False");
            resps.addArray().add(pair);
            filtered.add(pair.deepCopy());
        }
        s.put("filter", "none");
        Map<String, Double> metrics = TaskMetrics.perDoc(d, loglikelihood);
        ArrayNode names = s.putArray("metrics");
        metrics.keySet().forEach(names::add);
        s.put("doc_hash", sha256(doc == null ? "{}" : JSON.valueToTree(doc).toPrettyString()));
        s.put("prompt_hash", sha256(r.context(0)));
        s.put("target_hash", sha256(target));
        metrics.forEach(s::put);
        return s;
    }

    private static String stripDelimiter(String continuation) {
        return continuation.startsWith(" ") ? continuation.substring(1) : continuation;
    }

    /** lm-eval's date id: the ISO local time with ':' replaced by '-'. */
    public static String dateId() {
        return java.time.LocalDateTime.now().toString().replace(":", "-");
    }

    public static void writeResults(Path dir, String date, List<TaskMetrics> tasks, Checkpoint ckpt, Map<String, Object> config) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode results = root.putObject("results");
        ObjectNode counts = root.putObject("n-samples");
        for (TaskMetrics t : tasks) {
            ObjectNode o = results.putObject(t.task());
            o.put("alias", t.task());
            t.values().forEach((k, v) -> {
                o.put(k + ",none", v);
                if (t.stderrs().containsKey(k)) {
                    double se = t.stderrs().get(k);
                    if (Double.isNaN(se)) o.put(k + "_stderr,none", "N/A");
                    else o.put(k + "_stderr,none", se);
                }
            });
            counts.putObject(t.task()).put("original", t.n()).put("effective", t.n());
        }
        root.put("model_name", ckpt.model());
        ObjectNode cfg = root.putObject("config");
        cfg.put("model_args", "pretrained=" + ckpt.model() + ",revision=" + ckpt.revision());
        cfg.put("model", ckpt.model()).put("revision", ckpt.revision()).put("family", ckpt.family())
                .put("params", ckpt.params()).put("tokens", ckpt.tokens());
        config.forEach((k, v) -> cfg.set(k, JSON.valueToTree(v)));
        try {
            Files.createDirectories(dir);
            JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results_" + date + ".json").toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write results_" + date + ".json", e);
        }
    }

    /** Python's {@code str(float)}: shortest round-trip digits, exponent only outside [1e-4, 1e16). */
    static String pyFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        String s = Double.toString(v);
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) {
            if (s.contains("E")) s = new BigDecimal(s).toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        BigDecimal bd = new BigDecimal(s);
        String digits = bd.unscaledValue().abs().toString().replaceAll("0+$", "");
        int exp = bd.precision() - bd.scale() - 1;
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
