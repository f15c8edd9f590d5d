package org.elusive.forecast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elusive.catalog.ScalingSet;

/**
 * Which checkpoints are forecast together: the scaling sets a row belongs to. Named sets come from the
 * family registries ({@code models/*.yaml}, {@code sets:}); a checkpoint may be in several, and its rows are
 * then forecast in each. Without named sets, each family of the table is a set, as in the correlations of a
 * table no registry covers. Every reader of this package asks here.
 */
public final class ScalingSets {
    private final List<String> families;              // by family: the families asked for (empty: all)
    private final Map<String, List<String>> named;    // named sets: checkpoint label → its sets; null when by family

    private ScalingSets(List<String> families, Map<String, List<String>> named) {
        this.families = List.copyOf(families);
        this.named = named;
    }

    /** Each family a set; only {@code names} when there are some. */
    public static ScalingSets families(List<String> names) { return new ScalingSets(names, null); }

    /** The named sets of a registry. */
    public static ScalingSets named(List<ScalingSet> sets) {
        Map<String, List<String>> of = new HashMap<>();
        for (ScalingSet s : sets) {
            s.checkpoints().forEach(c -> of.computeIfAbsent(c.model() + "@" + c.revision(), k -> new ArrayList<>()).add(s.name()));
        }
        return new ScalingSets(sets.stream().map(ScalingSet::name).toList(), of);
    }

    /** The sets a row of this checkpoint belongs to (none: the row is not forecast). */
    public List<String> of(String family, String model, String revision) {
        if (named != null) return named.getOrDefault(model + "@" + revision, List.of());
        return families.isEmpty() || families.contains(family) ? List.of(family) : List.of();
    }

    /** For messages: " in the sets [..]" or "". */
    String describe() { return families.isEmpty() ? "" : " in the sets " + families; }
}
