package org.elusive.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;

/**
 * One lm-eval group YAML ({@code group: NAME} with a list {@code task}): its members (tasks, groups or
 * tags, as written), {@code group_alias}, {@code aggregate_metric_list} and {@code metadata.version}.
 * A group without an aggregate list only gathers tasks (lm-eval prints no row for it).
 *
 * @param alias   the group_alias, or null
 * @param version metadata.version as lm-eval's {@code str()} of it, or "N/A"
 */
public record GroupConfig(String name, String alias, List<String> members, List<Aggregate> aggregates, String version) {

    /**
     * One entry of aggregate_metric_list: the group's metric is the mean of its leaf tasks' metric,
     * weighted by their sizes ({@code weight_by_size}, lm-eval's default true) or not.
     */
    public record Aggregate(String metric, boolean weightBySize) {}

    static GroupConfig fromYaml(Map<String, Object> y, String source) {
        String name = String.valueOf(y.get("group"));
        List<String> members = ((List<?>) y.get("task")).stream().map(String::valueOf).toList();
        List<Aggregate> aggregates = new ArrayList<>();
        if (y.get("aggregate_metric_list") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("metric") instanceof String metric)) {
                    throw new BadInputException(source + ": aggregate_metric_list: expected entries with a 'metric', got " + o);
                }
                Object aggregation = m.get("aggregation");
                if (aggregation != null && !"mean".equals(aggregation)) {
                    throw new BadInputException(source + ": aggregate_metric_list.aggregation: only mean is supported, got " + aggregation);
                }
                Object w = m.get("weight_by_size");
                aggregates.add(new Aggregate(metric, w == null || Boolean.TRUE.equals(w) || "True".equals(w) || "true".equals(w)));
            }
        } else if (y.get("aggregate_metric_list") != null) {
            throw new BadInputException(source + ": aggregate_metric_list: expected a list, got " + y.get("aggregate_metric_list"));
        }
        Object alias = y.get("group_alias");
        String version = y.get("metadata") instanceof Map<?, ?> md && md.get("version") != null
                ? pyStr(md.get("version")) : "N/A";
        return new GroupConfig(name, alias == null ? null : String.valueOf(alias), members, List.copyOf(aggregates), version);
    }

    /** Python's str() of a YAML scalar: 2 → "2", 1.0 → "1.0". */
    private static String pyStr(Object v) {
        return v instanceof Double d ? PyJson.pyFloat(d) : String.valueOf(v);
    }
}
