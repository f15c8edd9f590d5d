package org.elusive.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.rows.ChoiceRow;
import org.elusive.scoring.ScoredDoc;
import org.elusive.scoring.TaskMetrics;
import org.elusive.task.PyJson;
import org.elusive.task.Request;

/**
 * One line of lm-eval 0.4.13's {@code samples_<task>_<date>.jsonl}, key for key: doc_id, the processed
 * doc, target ({@code str(doc_to_target(doc))}), arguments as {@code gen_args_i/arg_j}, resps and
 * filtered_resps as stringified {@code [ll, is_greedy]}, filter, the metric names, the three hashes
 * and the per-doc metrics. The hashes are lm-eval's: sha256 of {@code json.dumps(doc, indent=2,
 * ensure_ascii=False)}, of the first request's context and of the target string.
 */
final class LmEvalSample {
    private LmEvalSample() {}

    static Map<String, Object> of(ScoredDoc d, Map<String, Object> doc, Object target, LmEvalTask task) {
        Request r = d.request();
        String targetStr = pyStr(target);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("doc_id", r.docId());
        s.put("doc", doc);
        s.put("target", targetStr);
        Map<String, Object> args = new LinkedHashMap<>();
        List<Object> resps = new ArrayList<>(), filtered = new ArrayList<>();
        for (int c = 0; c < r.nChoices(); c++) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("arg_0", r.context(c));
            a.put("arg_1", r.continuations().get(c));
            args.put("gen_args_" + c, a);
            ChoiceRow row = d.choices().get(c);
            List<String> pair = List.of(PyJson.pyFloat(row.logprob()), row.greedy() ? "True" : "False");
            resps.add(List.of(pair));
            filtered.add(pair);
        }
        s.put("arguments", args);
        s.put("resps", resps);
        s.put("filtered_resps", filtered);
        s.put("filter", "none");
        Map<String, Number> metrics = TaskMetrics.perDoc(d, task.loglikelihood(), task.metrics());
        s.put("metrics", List.copyOf(metrics.keySet()));
        s.put("doc_hash", sha256(PyJson.dumps(doc, 2)));
        s.put("prompt_hash", sha256(r.context(0)));
        s.put("target_hash", sha256(targetStr));
        s.putAll(metrics);
        return s;
    }

    /** Python's {@code str()} of a doc_to_target value: an index, a text, a float or a bool. */
    static String pyStr(Object v) {
        if (v instanceof Double x) return PyJson.pyFloat(x);
        if (v instanceof Boolean b) return b ? "True" : "False";
        return String.valueOf(v);
    }

    /** lm-eval's {@code hash_string}: sha256 of the UTF-8 bytes, as hex. */
    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
