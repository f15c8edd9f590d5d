package org.elusive.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elusive.task.GroupConfig;
import org.elusive.task.TaskRegistry;

/**
 * The groups of one run as lm-eval 0.4.13 builds and reports them: every requested name that is a group
 * (e.g. {@code mmlu}) with its subgroups, in lm-eval's orders (pre-order for {@code group_subtasks},
 * children before parents for aggregation), and each group's row: for every entry of its
 * {@code aggregate_metric_list} the mean of its leaf tasks' metric weighted by their sizes
 * ({@code aggregate_subtask_metrics}) with the pooled standard error ({@code pooled_sample_stderr}), or
 * unweighted with {@code unweighted_mean_stderr}; "N/A" when a leaf task has none (one doc).
 */
final class LmEvalGroups {
    private final Map<String, GroupConfig> configs = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    LmEvalGroups(TaskRegistry registry, List<String> requested) {
        for (String name : requested) add(registry, name.strip());
    }

    private void add(TaskRegistry registry, String name) {
        if (children.containsKey(name)) return;
        registry.group(name).ifPresent(g -> {
            configs.put(name, g);
            children.put(name, registry.children(name));
            for (String c : children.get(name)) add(registry, c);
        });
    }

    boolean isEmpty() { return configs.isEmpty(); }

    boolean has(String name) { return configs.containsKey(name); }

    /** lm-eval's {@code group_subtasks}: each group's direct children, groups in pre-order. */
    Map<String, List<String>> subtasks() { return children; }

    GroupConfig config(String group) { return configs.get(group); }

    /** The groups children first, from the roots in order: the order lm-eval aggregates and lists them. */
    List<String> bottomUp() {
        Set<String> childGroups = new LinkedHashSet<>();
        children.values().forEach(cs -> cs.stream().filter(configs::containsKey).forEach(childGroups::add));
        List<String> out = new ArrayList<>();
        for (String g : configs.keySet()) if (!childGroups.contains(g)) postOrder(g, out);
        return out;
    }

    private void postOrder(String g, List<String> out) {
        if (out.contains(g)) return;
        for (String c : children.get(g)) if (configs.containsKey(c)) postOrder(c, out);
        out.add(g);
    }

    /** The tasks under a group, depth first: lm-eval's {@code get_all_tasks}, the order its sums run in. */
    List<String> leaves(String group) {
        List<String> out = new ArrayList<>();
        for (String c : children.get(group)) {
            if (configs.containsKey(c)) out.addAll(leaves(c));
            else out.add(c);
        }
        return out;
    }

    /** A group's row of the results, from the task rows ({@code "acc,none"}, {@code sample_len}, ...). */
    Map<String, Object> aggregate(String group, Map<String, Map<String, Object>> rows) {
        GroupConfig g = configs.get(group);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alias", g.alias() == null ? group : g.alias());
        out.put("name", group);
        if (g.aggregates().isEmpty()) return out;
        List<String> leaves = leaves(group).stream().filter(rows::containsKey).toList();
        int total = 0;
        for (String t : leaves) total += ((Number) rows.get(t).get("sample_len")).intValue();
        out.put("sample_len", total);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (GroupConfig.Aggregate a : g.aggregates()) {
            String key = a.metric() + ",none", seKey = a.metric() + "_stderr,none";
            List<Double> values = new ArrayList<>();
            List<Object> stderrs = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (String t : leaves) {
                Map<String, Object> row = rows.get(t);
                if (!row.containsKey(key)) continue;
                values.add(((Number) row.get(key)).doubleValue());
                sizes.add(((Number) row.get("sample_len")).intValue());
                stderrs.add(row.get(seKey));
            }
            if (values.isEmpty()) continue;
            out.put(key, mean(values, sizes, a.weightBySize()));
            counts.put(key, sizes.stream().mapToInt(Integer::intValue).sum());
            boolean allNumbers = stderrs.stream().allMatch(s -> s instanceof Number);
            out.put(seKey, !allNumbers ? "N/A" : a.weightBySize() ? pooledStderr(stderrs, sizes) : unweightedStderr(stderrs));
        }
        if (!counts.isEmpty()) out.put("sample_count", counts);
        return out;
    }

    /** aggregate_subtask_metrics: Σ metric·size / Σ size, left to right (sizes 1 when not weighted). */
    static double mean(List<Double> values, List<Integer> sizes, boolean weightBySize) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < values.size(); i++) {
            int size = weightBySize ? sizes.get(i) : 1;
            sum += values.get(i) * size;
            n += size;
        }
        return sum / n;
    }

    /** pooled_sample_stderr: √(Σ (n_i − 1)·se_i²·n_i / (Σ n_i − k) / Σ n_i). */
    static double pooledStderr(List<Object> stderrs, List<Integer> sizes) {
        double var = 0;
        long n = 0;
        for (int i = 0; i < sizes.size(); i++) {
            double se = ((Number) stderrs.get(i)).doubleValue();
            var += (sizes.get(i) - 1) * (se * se) * sizes.get(i);
            n += sizes.get(i);
        }
        return Math.sqrt(var / (n - sizes.size()) / n);
    }

    /** unweighted_mean_stderr: √(Σ se_i²) / k. */
    static double unweightedStderr(List<Object> stderrs) {
        double s = 0;
        for (Object o : stderrs) s += ((Number) o).doubleValue() * ((Number) o).doubleValue();
        return Math.sqrt(s) / stderrs.size();
    }

    /** lm-eval's _propagate_num_fewshot: a group takes its children's n-shot when they agree, groups in pre-order. */
    void propagateNumFewshot(Map<String, Object> nShot) {
        for (String g : children.keySet()) {
            Set<Object> values = new LinkedHashSet<>();
            for (String c : children.get(g)) if (nShot.containsKey(c)) values.add(nShot.get(c));
            if (values.size() == 1) nShot.put(g, values.iterator().next());
        }
    }

    /** lm-eval's _propagate_higher_is_better: the first child's direction per metric, null where children disagree. */
    void propagateHigherIsBetter(Map<String, Map<String, Object>> hib) {
        for (String g : children.keySet()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (String c : children.get(g)) {
                if (!hib.containsKey(c)) continue;
                hib.get(c).forEach((m, h) -> {
                    if (!merged.containsKey(m)) merged.put(m, h);
                    else if (merged.get(m) != null && !merged.get(m).equals(h)) merged.put(m, null);
                });
            }
            if (!merged.isEmpty()) hib.put(g, merged);
        }
    }
}
