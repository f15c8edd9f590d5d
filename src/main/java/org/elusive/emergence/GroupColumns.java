package org.elusive.emergence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elusive.core.BadInputException;

/**
 * Reads the paper's model table ({@code *_instance_brier_*.csv} or the output of
 * {@code elusive emergence groups}): one row per model with {@code Model}, {@code FLOPs (1E21)},
 * {@code acc}, {@code brier} and difficulty-group columns {@code {a}_{b}_brier}, easiest first.
 */
public final class GroupColumns {
    public static final String MODEL = "Model";
    public static final String FLOPS = "FLOPs (1E21)";
    private static final Pattern GROUP = Pattern.compile("(\\d+)_(\\d+)_(brier|acc)");

    private GroupColumns() {}

    /** The {@code {a}_{b}_brier} columns ordered by their first question index (easiest first). */
    public static List<String> groups(Table table) {
        List<String> out = groups(table, "brier");
        if (out.isEmpty()) {
            throw new BadInputException(table.source() + ": no difficulty-group columns named {a}_{b}_brier"
                    + " (as '0_4680_brier'); columns are " + table.columns());
        }
        return out;
    }

    /** The {@code {a}_{b}_<metric>} columns (brier or acc) ordered by their first question index; maybe none. */
    public static List<String> groups(Table table, String metric) {
        List<String> out = new ArrayList<>();
        for (String c : table.columns()) {
            Matcher m = GROUP.matcher(c);
            if (m.matches() && m.group(3).equals(metric)) out.add(c);
        }
        out.sort(Comparator.comparingLong(GroupColumns::start));
        return out;
    }

    private static long start(String column) {
        Matcher m = GROUP.matcher(column);
        if (!m.matches()) throw new IllegalArgumentException(column);
        return Long.parseLong(m.group(1));
    }

    /** One model of the table, with its raw (positive, lower-is-better) TC Brier values. */
    public record ModelPoint(String model, double flops, double acc, double brier, double[] groups) {}

    /**
     * The rows of {@code table} minus the excluded models, with the named group columns (which must
     * exist). Rows with missing values are kept here; the forecast drops them as the paper does.
     * {@code acc} and {@code brier} are required by the forecast, optional (NaN) for plots.
     */
    public static List<ModelPoint> points(Table table, List<String> groupColumns, Set<String> exclude) {
        return points(table, groupColumns, exclude, true);
    }

    public static List<ModelPoint> points(Table table, List<String> groupColumns, Set<String> exclude, boolean overall) {
        int model = table.require(MODEL, "the model name");
        int flops = table.require(FLOPS, "training compute in units of 1e21 FLOPs");
        int acc = overall ? table.require("acc", "the model's accuracy on the benchmark") : table.columns().indexOf("acc");
        int brier = overall ? table.require("brier", "the model's mean TC Brier score on the benchmark")
                : table.columns().indexOf("brier");
        int[] g = new int[groupColumns.size()];
        for (int j = 0; j < g.length; j++) {
            String c = groupColumns.get(j);
            if (!table.has(c)) {
                throw new BadInputException(table.source() + ": unknown group column '" + c
                        + "'; the group columns are " + groups(table));
            }
            g[j] = table.require(c, "a difficulty group");
        }
        List<ModelPoint> out = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            String name = table.string(r, model);
            if (exclude.contains(name)) continue;
            double f = table.number(r, flops);
            if (f < 0 || f == Double.POSITIVE_INFINITY) {   // a typo, not a step0: dropping it would shrink the test set unseen
                throw new BadInputException(table.source() + ": line " + (r + 2) + ", column '" + FLOPS + "': expected a"
                        + " non-negative finite number, got '" + table.string(r, flops).strip() + "' (model " + name + ")");
            }
            if (!(f > 0)) continue; // 0 (e.g. Pythia's step0: no log10(FLOPs)) or missing, as in the correlations
            double[] values = new double[g.length];
            for (int j = 0; j < g.length; j++) values[j] = table.number(r, g[j]);
            out.add(new ModelPoint(name, table.number(r, flops), acc < 0 ? Double.NaN : table.number(r, acc),
                    brier < 0 ? Double.NaN : table.number(r, brier), values));
        }
        return out;
    }
}
