package org.elusive.sloth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The paper's design matrices ({@code prep_data}): rows with every benchmark, params, tokens and
 * FLOPs present, families (Family2) with at least {@code minModels} such rows, sorted by family then
 * size; x = [ln T, ln S, ln S·ln T], logF = ln FLOPs, d = one-hot family over the sorted families.
 * Dropping is the paper's protocol, so it is no error, but {@code incomplete} and {@code smallFamilies}
 * count the rows each rule dropped, for the warning that says so ({@link #dropWarning}).
 */
public record Design(List<ScalingTable.Row> rows, List<String> families, List<String> benchmarks,
                     double[][] x, double[] logF, double[][] d, double[][] y, int[] familyIndex,
                     int incomplete, int smallFamilies) {
    public static final List<String> FEATURES = List.of("logT", "logS", "logSlogT");

    public static Design of(ScalingTable table, List<String> benchmarks, int minModels) {
        table.requireBenchmarks(benchmarks);
        List<ScalingTable.Row> kept = new ArrayList<>();
        for (ScalingTable.Row r : table.rows()) {
            boolean ok = r.params() > 0 && r.tokens() > 0 && r.flops() > 0;
            for (String b : benchmarks) ok &= !Double.isNaN(r.value(b));
            if (ok) kept.add(r);
        }
        // a stable sort keeps the file order of equal sizes, like pandas' sort_values on two keys
        kept.sort(Comparator.comparing(ScalingTable.Row::family).thenComparingDouble(ScalingTable.Row::params));
        List<ScalingTable.Row> rows = new ArrayList<>();
        for (ScalingTable.Row r : kept) {
            long count = kept.stream().filter(o -> o.family().equals(r.family())).count();
            if (count >= minModels) rows.add(r);
        }
        List<String> families = new ArrayList<>(new TreeSet<>(rows.stream().map(ScalingTable.Row::family).toList()));
        int n = rows.size();
        double[][] x = new double[n][3], d = new double[n][families.size()], y = new double[n][benchmarks.size()];
        double[] logF = new double[n];
        int[] fam = new int[n];
        for (int i = 0; i < n; i++) {
            ScalingTable.Row r = rows.get(i);
            double lt = Math.log(r.tokens()), ls = Math.log(r.params());
            x[i] = new double[] {lt, ls, ls * lt};
            logF[i] = Math.log(r.flops());
            fam[i] = families.indexOf(r.family());
            d[i][fam[i]] = 1;
            for (int j = 0; j < benchmarks.size(); j++) y[i][j] = r.value(benchmarks.get(j));
        }
        return new Design(rows, families, List.copyOf(benchmarks), x, logF, d, y, fam,
                table.rows().size() - kept.size(), kept.size() - rows.size());
    }

    /** The one-line warning counting the dropped rows, or null when none was dropped. */
    public String dropWarning(ScalingTable table, int minModels) {
        if (incomplete == 0 && smallFamilies == 0) return null;
        return "warning: " + table.file() + ": kept " + size() + " of " + table.rows().size() + " rows; dropped " + incomplete
                + " without params, tokens, FLOPs (each > 0) or a value for every benchmark, and " + smallFamilies
                + " of families with fewer than " + minModels + " such rows (the paper's protocol)";
    }

    public int size() { return rows.size(); }

    /** ln FLOPs as one column, or (with family-specific slopes) ln FLOPs × the family one-hot. */
    public double[][] flopsFeatures(boolean perFamilySlopes) {
        double[][] out = new double[size()][];
        for (int i = 0; i < size(); i++) {
            if (!perFamilySlopes) out[i] = new double[] {logF[i]};
            else {
                out[i] = new double[families.size()];
                out[i][familyIndex[i]] = logF[i];
            }
        }
        return out;
    }

    public double[][] interceptOnly() {
        double[][] out = new double[size()][1];
        for (double[] row : out) row[0] = 1;
        return out;
    }

    /** A matrix row-major in one array. */
    static double[] flat(double[][] a) {
        int c = a.length == 0 ? 0 : a[0].length;
        double[] out = new double[a.length * c];
        for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, out, i * c, c);
        return out;
    }

    /** A row-major array as rows of {@code cols}. */
    static double[][] rows(double[] flat, int cols) {
        double[][] out = new double[flat.length / cols][cols];
        for (int i = 0; i < out.length; i++) System.arraycopy(flat, i * cols, out[i], 0, cols);
        return out;
    }

    /**
     * The column of each row's 1 in a family design matrix: one-hot rows, or a single intercept column
     * of ones. Anything else is a programming error (the matrices are built here), hence unchecked.
     */
    static int[] familyIndex(double[][] d) {
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            int one = -1;
            for (int c = 0; c < d[i].length; c++) {
                if (d[i][c] == 0) continue;
                if (d[i][c] != 1 || one >= 0) throw new IllegalArgumentException("row " + i + " of the family design is not one-hot");
                one = c;
            }
            if (one < 0) throw new IllegalArgumentException("row " + i + " of the family design is not one-hot");
            out[i] = one;
        }
        return out;
    }

    /** Rows of the given indices. */
    static double[][] select(double[][] a, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }
}
