package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The look shared by the Elusive paper's figures: white panels, matplotlib's tab10 colours, words for names. */
final class Style {
    private Style() {}

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    /** Score columns as the figures name them, in the paper's words. */
    private static final Map<String, String> SCORES = Map.ofEntries(
            Map.entry("log_p_vocab_correct", "log p_vocab(correct choice)"),
            Map.entry("neg_log_p_vocab_correct", "-log p_vocab(correct choice)"),
            Map.entry("p_vocab_correct", "p_vocab(correct choice)"),
            Map.entry("p_vocab_choices", "p_vocab(all choices)"),
            Map.entry("p_vocab_incorrect", "p_vocab(incorrect choices)"),
            Map.entry("neg_log_p_vocab_incorrect", "-log p_vocab(incorrect choices)"),
            Map.entry("p_choices_correct", "p_choices(correct choice)"),
            Map.entry("brier", "Brier score"),
            Map.entry("tc_brier", "target-calibrated Brier score"),
            Map.entry("acc", "accuracy"),
            Map.entry("acc_norm", "length-normalised accuracy"),
            Map.entry("greedy_correct", "correct choice is greedy"));

    private static final Map<String, String> METHODS = Map.of("pearson", "Pearson", "spearman", "Spearman",
            "kendall", "Kendall");

    static String score(String column) { return SCORES.getOrDefault(column, column); }

    static String method(String m) { return METHODS.getOrDefault(m, m); }

    static Color color(int i) { return PALETTE[i % PALETTE.length]; }

    /** A panel with the house style; the legend outside on the right unless {@code legendInside}. */
    static XYChart chart(int w, int h, String title, String xTitle, String yTitle, boolean legendInside) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setPlotGridLinesStroke(new BasicStroke(0.8f)); // solid: a dashed one is written as a rectangle per dash
        s.setLegendPosition(legendInside ? Styler.LegendPosition.InsideSW : Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        s.setMarkerSize(5);
        s.setDecimalPattern("0.0#");
        return c;
    }

    static void bounds(XYChart c, double xMin, double xMax, double yMin, double yMax) {
        c.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
    }

    /**
     * A logarithmic axis drawn as a linear axis of log10 values (XChart's own log axes label every
     * minor tick and cannot span the paper's 50 decades): ticks are labelled with the values themselves,
     * {@code 1e-3} at whole decades. Callers pass log10 of the data and of the bounds.
     */
    static void log10Axis(XYChart c, boolean xAxis) {
        Function<Double, String> label = v -> {
            long k = Math.round(v);
            return Math.abs(v - k) < 1e-9 ? (k == 0 ? "1" : "1e" + k) : String.format(Locale.ROOT, "%.1e", Math.pow(10, v));
        };
        if (xAxis) c.setCustomXAxisTickLabelsFormatter(label);
        else c.setCustomYAxisTickLabelsFormatter(label);
    }

    /** log10 of every value (0 becomes −∞, which no panel draws). */
    static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.log10(v[i]);
        return out;
    }

    /** A name usable in a file name: letters, digits, '-' and '_' kept, anything else '_'. */
    static String safe(String s) {
        return s.chars().mapToObj(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' ? String.valueOf((char) ch) : "_")
                .collect(Collectors.joining());
    }
}
