package org.elusive.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.scoring.TaskMetrics;
import org.elusive.task.TaskConfig;

/**
 * What lm-eval 0.4.13 reports about one task besides its numbers, read from the task's merged YAML:
 * the alias, the metric names and their direction ({@code metric_list}, else lm-eval's defaults for
 * the output type), the version ({@code metadata.version}) and the {@code configs} entry of the
 * results JSON ({@code TaskConfig.to_dict()}: the dataclass fields in their order, None left out).
 */
record LmEvalTask(TaskConfig cfg, String alias, List<String> metrics, Map<String, Boolean> higherIsBetter, Object version) {

    static LmEvalTask of(TaskConfig cfg) {
        Map<String, Object> y = cfg.yaml();
        List<String> metrics = new ArrayList<>();
        Map<String, Boolean> hib = new LinkedHashMap<>();
        for (Map<String, Object> m : metricList(cfg)) {
            String name = String.valueOf(m.get("metric"));
            metrics.add(name);
            hib.put(name, m.get("higher_is_better") instanceof Boolean b ? b : !name.equals("perplexity"));
        }
        Object alias = y.get("task_alias");
        Object version = y.get("metadata") instanceof Map<?, ?> md ? md.get("version") : null;
        return new LmEvalTask(cfg, alias == null ? cfg.name() : String.valueOf(alias), metrics, hib, version);
    }

    boolean loglikelihood() { return cfg.outputType().equals("loglikelihood"); }

    /** The metric names elusive computes for this task, in lm-eval's order. */
    List<String> computed() { return TaskMetrics.computed(loglikelihood(), metrics); }

    /** The YAML's metric_list, else lm-eval's default metrics of the output type (mean, higher is better but perplexity). */
    private static List<Map<String, Object>> metricList(TaskConfig cfg) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (cfg.yaml().get("metric_list") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    m.forEach((k, v) -> e.put(String.valueOf(k), v));
                    out.add(e);
                }
            }
            return out;
        }
        for (String m : TaskMetrics.supported(cfg.outputType().equals("loglikelihood"))) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("metric", m);
            e.put("aggregation", m.equals("perplexity") ? "perplexity" : "mean");
            e.put("higher_is_better", !m.equals("perplexity"));
            out.add(e);
        }
        return out;
    }

    /** The results JSON's {@code configs} entry: lm-eval's TaskConfig fields, in order, without the None ones. */
    Map<String, Object> config(int numFewshot, Map<String, Object> modelArgs) {
        Map<String, Object> y = cfg.yaml();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("task", cfg.name());
        copy(y, c, "task_alias", "tag", "dataset_path", "dataset_name", "dataset_kwargs", "training_split",
                "validation_split", "test_split", "fewshot_split", "process_docs", "doc_to_text", "doc_to_target");
        c.put("unsafe_code", Boolean.TRUE.equals(y.get("unsafe_code")));
        copy(y, c, "doc_to_choice", "process_results", "use_prompt");
        c.put("description", cfg.description() == null ? "" : cfg.description());
        c.put("target_delimiter", cfg.targetDelimiter());
        c.put("fewshot_delimiter", cfg.fewshotDelimiter());
        Map<String, Object> fs = new LinkedHashMap<>();
        fs.put("sampler", cfg.sampler());
        fs.put("split", cfg.fewshotSplit());
        fs.put("process_docs", null);
        fs.put("fewshot_indices", null);
        fs.put("samples", null);
        fs.put("doc_to_text", plain(y.get("doc_to_text")));
        fs.put("doc_to_choice", plain(y.get("doc_to_choice")));
        fs.put("doc_to_target", plain(y.get("doc_to_target")));
        fs.put("gen_prefix", null);
        fs.put("fewshot_delimiter", cfg.fewshotDelimiter());
        fs.put("target_delimiter", cfg.targetDelimiter());
        c.put("fewshot_config", fs);
        c.put("num_fewshot", numFewshot);
        c.put("metric_list", metricList(cfg));
        c.put("output_type", cfg.outputType());
        copy(y, c, "generation_kwargs");
        c.put("repeats", y.get("repeats") instanceof Integer r ? r : 1);
        copy(y, c, "filter_list");
        c.put("should_decontaminate", Boolean.TRUE.equals(y.get("should_decontaminate")));
        copy(y, c, "doc_to_decontamination_query", "gen_prefix");
        Map<String, Object> md = new LinkedHashMap<>();
        if (y.get("metadata") instanceof Map<?, ?> m) m.forEach((k, v) -> md.put(String.valueOf(k), plain(v)));
        md.putAll(modelArgs);
        md.put("config_source", cfg.source());
        c.put("metadata", md);
        return c;
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... keys) {
        for (String k : keys) if (from.get(k) != null) to.put(k, plain(from.get(k)));
    }

    /** YAML values as JSON values; a {@code !function} stays an object that {@code PyJson} writes as its text. */
    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(LmEvalTask::plain).toList();
        return v;
    }
}
