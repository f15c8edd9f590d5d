package org.elusive.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elusive.core.BadInputException;

/** Correlation methods of docs/design.md §3.3, with scipy.stats' statistics and two-sided p-values. */
public enum Method {
    /** scipy.stats.pearsonr: exact p-value from the beta distribution of r under independence. */
    PEARSON,
    /** scipy.stats.spearmanr: Pearson on average ranks; p-value from Student's t with n-2 dof. */
    SPEARMAN,
    /** scipy.stats.kendalltau: tau-b; exact p-value without ties when n ≤ 33, else the normal approximation. */
    KENDALL;

    public static final List<Method> ALL = List.of(values());

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Method fromId(String id) {
        for (Method m : values()) if (m.id().equals(id.trim().toLowerCase(Locale.ROOT))) return m;
        throw new BadInputException("unknown method '" + id.trim() + "' (expected pearson, spearman or kendall)");
    }

    public static List<Method> parseList(String csv) {
        if (csv == null || csv.isBlank()) return ALL;
        List<Method> out = new ArrayList<>();
        for (String s : csv.split(",")) if (!s.isBlank()) out.add(fromId(s));
        return out;
    }
}
