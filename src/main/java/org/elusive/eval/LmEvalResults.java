package org.elusive.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elusive.scoring.TaskMetrics;

/**
 * The results JSON of lm-eval 0.4.13 ({@code results_<date>.json}), every key it writes in its order
 * and with its types: results (tasks, then groups children first), groups, group_subtasks, configs,
 * versions, n-shot, higher_is_better (sorted by name), n-samples (original = the eval split's size,
 * effective = docs scored), config, the environment keys, task_hashes and the tracker's keys; elusive's
 * own numbers under {@code elusive}. Values lm-eval takes from transformers or the GPU that elusive
 * does not have are null, or "" for strings.
 */
final class LmEvalResults {
    private LmEvalResults() {}

    /** One task's scored numbers: its metrics, the eval split's size and its samples' combined hash. */
    record TaskOutcome(LmEvalTask task, TaskMetrics metrics, int numFewshot, int original, String hash) {}

    static Map<String, Object> build(List<TaskOutcome> tasks, LmEvalGroups groups, LmEvalOutput.Settings s,
            double startEpoch, double seconds) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (TaskOutcome t : tasks) rows.put(t.metrics().task(), taskRow(t));
        Map<String, Map<String, Object>> groupRows = new LinkedHashMap<>();
        for (String g : groups.bottomUp()) {
            Map<String, Object> row = groups.aggregate(g, rows);
            rows.put(g, row);
            if (!groups.config(g).aggregates().isEmpty()) groupRows.put(g, row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", rows);
        if (!groupRows.isEmpty()) out.put("groups", groupRows);
        out.put("group_subtasks", groups.subtasks());
        Map<String, Object> configs = new TreeMap<>(), versions = new TreeMap<>(), nShot = new LinkedHashMap<>();
        Map<String, Map<String, Object>> hib = new LinkedHashMap<>();
        Map<String, Object> nSamples = new LinkedHashMap<>(), hashes = new LinkedHashMap<>();
        for (TaskOutcome t : tasks) {
            String name = t.metrics().task();
            configs.put(name, t.task().config(t.numFewshot(), s.modelArgs()));
            versions.put(name, t.task().version());
            nShot.put(name, t.numFewshot());
            hib.put(name, new LinkedHashMap<>(t.task().higherIsBetter()));
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("original", t.original());
            counts.put("effective", t.metrics().n());
            nSamples.put(name, counts);
            if (t.hash() != null) hashes.put(name, t.hash());
        }
        for (String g : groups.bottomUp()) versions.put(g, groups.config(g).version());
        groups.propagateNumFewshot(nShot);
        groups.propagateHigherIsBetter(hib);
        out.put("configs", configs);
        out.put("versions", versions);
        out.put("n-shot", new TreeMap<>(nShot));
        out.put("higher_is_better", new TreeMap<>(hib));
        out.put("n-samples", nSamples);
        out.put("config", config(s));
        out.put("git_hash", null);
        out.put("date", startEpoch);
        out.put("pretty_env_info", s.environment());
        out.put("transformers_version", "");
        out.put("lm_eval_version", "0.4.13");
        out.put("upper_git_hash", null);
        out.put("tokenizer_pad_token", s.padToken());
        out.put("tokenizer_eos_token", s.eosToken());
        out.put("tokenizer_bos_token", s.bosToken());
        out.put("eot_token_id", s.eotTokenId());
        out.put("max_length", s.maxLength());
        out.put("task_hashes", hashes);
        out.put("model_source", "elusive");
        out.put("model_name", s.modelName());
        out.put("model_name_sanitized", LmEvalOutput.sanitize(s.modelName()));
        for (String k : List.of("system_instruction", "system_instruction_sha", "fewshot_as_multiturn", "chat_template",
                "chat_template_sha")) out.put(k, null);
        out.put("total_evaluation_time_seconds", String.valueOf(seconds));
        out.put("elusive", s.elusive());
        return out;
    }

    /** A task's row: name, alias, sample_len, then each metric and its stderr under lm-eval's "metric,none" keys. */
    private static Map<String, Object> taskRow(TaskOutcome t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", t.metrics().task());
        row.put("alias", t.task().alias());
        row.put("sample_len", t.metrics().n());
        t.metrics().values().forEach((k, v) -> {
            row.put(k + ",none", v);
            double se = t.metrics().stderrs().get(k);
            row.put(k + "_stderr,none", Double.isNaN(se) ? "N/A" : se);
        });
        return row;
    }

    /** The results' {@code config}: the model, its arguments and the run's settings, as simple_evaluate records them. */
    private static Map<String, Object> config(LmEvalOutput.Settings s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", "elusive");
        c.put("model_args", s.modelArgs());
        c.put("model_num_parameters", s.params());
        c.put("model_dtype", s.dtype());
        c.put("model_revision", s.revision());
        c.put("model_sha", "");
        c.put("batch_size", s.batchSize());
        c.put("batch_sizes", new ArrayList<>());
        c.put("device", s.device());
        c.put("use_cache", null);
        c.put("limit", s.limit());
        c.put("bootstrap_iters", 100000);
        c.put("gen_kwargs", new LinkedHashMap<>());
        c.put("random_seed", s.seeds().get(0));
        c.put("numpy_seed", s.seeds().get(1));
        c.put("torch_seed", s.seeds().get(2));
        c.put("fewshot_seed", s.seeds().get(3));
        return c;
    }
}
