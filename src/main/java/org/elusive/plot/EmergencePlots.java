package org.elusive.plot;

import static org.elusive.plot.ChartParts.ACCURACY;
import static org.elusive.plot.ChartParts.LOG_COMPUTE;
import static org.elusive.plot.ChartParts.TC_BRIER;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.elusive.emergence.GroupColumns.ModelPoint;
import org.elusive.emergence.Polynomials;
import org.knowm.xchart.XYChart;

/**
 * The plotly figures of Wu &amp; Lo 2024: overall accuracy or TC Brier of every model against log
 * compute (plot_overall_performance.py) and the difficulty groups with their polynomial fits, ±1.96σ
 * bands and colour bar (plot_question_group_tc_brier.py, plot_question_group_acc.py). TC Brier is
 * drawn negated, as in the paper, so up is better.
 */
public final class EmergencePlots {
    private EmergencePlots() {}

    /**
     * One point per model with a value and FLOPs &gt; 0, each model its own colour (px.scatter's
     * color='Model', no legend); for an emergent task ({@code emergence}) the threshold as a dashed
     * line labelled "Emergence", else a "No Emergence" label at the threshold.
     */
    public static Figure overall(List<ModelPoint> points, boolean accuracy, double threshold, boolean emergence, String title) {
        XYChart chart = ChartParts.base(title, LOG_COMPUTE, accuracy ? ACCURACY : TC_BRIER);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(10);
        Set<String> names = new HashSet<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (ModelPoint p : points) {
            double y = accuracy ? p.acc() : -p.brier();
            if (Double.isNaN(y)) continue;
            String name = p.model();
            for (int k = 2; !names.add(name); k++) name = p.model() + " (" + k + ")"; // XChart needs unique names
            ChartParts.scatter(chart, name, List.of(Math.log10(p.flops())), List.of(y), ChartParts.PLOTLY.get(i++ % ChartParts.PLOTLY.size()));
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
        }
        Figure figure = new Figure(chart);
        if (i > 0) markThreshold(figure, threshold, emergence, lo, hi);
        return figure;
    }

    /**
     * Every group against log10(FLOPs/1e21) over the models that have a value in every group (the
     * paper drops the others), each with a degree-{@code degree} least-squares polynomial over all of
     * them and a band of ±1.96 × the standard deviation of its residuals (numpy's std, ddof 0) drawn
     * under the points; negated TC Brier, or accuracy ({@code accuracy}). Colours: RdYlBu from the
     * first group (red) to the last (blue), entries 0, 3 and 9 for three groups, as the paper; the first
     * group is the easiest by TC Brier and the hardest by accuracy (both sort ascending).
     */
    public static Figure groups(List<ModelPoint> points, List<String> groupColumns, int degree, double threshold,
                                boolean accuracy, boolean emergence, boolean colorBar, String title) {
        XYChart chart = ChartParts.base(title, LOG_COMPUTE, accuracy ? ACCURACY : TC_BRIER);
        chart.getStyler().setLegendVisible(false); // as the paper: the colours and the colour bar say which group
        double sign = accuracy ? 1 : -1, lo = accuracy ? 0 : -1, hi = accuracy ? 1 : 0;
        List<Double> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (ModelPoint p : points) {
            double[] v = new double[groupColumns.size()];
            boolean complete = true;
            for (int j = 0; j < v.length; j++) {
                v[j] = sign * p.groups()[j];
                complete &= !Double.isNaN(v[j]);
            }
            if (complete) { xs.add(Math.log10(p.flops())); ys.add(v); }
        }
        List<Color> scale = paperScale(groupColumns.size()), palette = groupPalette(scale, groupColumns.size());
        List<double[]> fits = new ArrayList<>();
        for (int j = 0; j < groupColumns.size(); j++) {
            double[] y = column(ys, j);
            double[] c = xs.size() > degree + 1 ? Polynomials.fit(unbox(xs), y, degree) : null;
            fits.add(c);
            if (c != null) ChartParts.band(chart, groupColumns.get(j) + " band", xs, x -> Polynomials.value(c, x),
                    residualStd(unbox(xs), y, c), palette.get(j), lo, hi);
        }
        for (int j = 0; j < groupColumns.size(); j++) {
            if (xs.isEmpty()) break;
            ChartParts.scatter(chart, groupColumns.get(j), xs, boxed(column(ys, j)), palette.get(j));
            double[] c = fits.get(j);
            if (c != null) ChartParts.curve(chart, groupColumns.get(j) + " fit", xs, x -> Polynomials.value(c, x),
                    palette.get(j), null, lo, hi).setShowInLegend(false);
        }
        Figure figure = new Figure(chart);
        markThreshold(figure, threshold, emergence, lo, hi);
        return colorBar ? figure.withColorBar(ColorBar.forGroups(scale, groupColumns.size())) : figure;
    }

    /** The paper's color_scale: RdYlBu's 11 colours, or its entries 0, 3 and 9 for three groups. */
    static List<Color> paperScale(int groups) {
        List<Color> rd = ChartParts.RD_YL_BU;
        return groups == 3 ? List.of(rd.get(0), rd.get(3), rd.get(9)) : rd;
    }

    /** The colour of each group, easiest first: color_scale[j], as the paper (which stops at 11 groups). */
    static List<Color> groupPalette(List<Color> scale, int groups) {
        List<Color> out = new ArrayList<>();
        for (int j = 0; j < groups; j++) {
            // beyond the scale's length (the paper fails there), spread the groups over it
            out.add(groups <= scale.size() ? scale.get(j) : scale.get((int) Math.round(j * (scale.size() - 1.0) / (groups - 1))));
        }
        return out;
    }

    /** numpy.std of the residuals y − p(x): the root mean square deviation from their mean (ddof 0). */
    static double residualStd(double[] x, double[] y, double[] coef) {
        double[] r = new double[x.length];
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            r[i] = y[i] - Polynomials.value(coef, x[i]);
            mean += r[i];
        }
        mean /= r.length;
        double ss = 0;
        for (double v : r) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / r.length);
    }

    /** "Emergence": the dashed threshold line with its label; "No Emergence": the label alone. */
    private static void markThreshold(Figure figure, double threshold, boolean emergence, double lo, double hi) {
        if (emergence) ChartParts.thresholdLine(figure.chart(), threshold, lo, hi).setShowInLegend(false);
        figure.label(emergence ? "Emergence" : "No Emergence", threshold, hi - 0.05 * (hi - lo));
    }

    private static double[] column(List<double[]> rows, int j) {
        return rows.stream().mapToDouble(r -> r[j]).toArray();
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) out.add(d);
        return out;
    }
}
