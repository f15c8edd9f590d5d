package org.elusive.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Difficulty Level" colour bar of the paper's group figures (plot_question_group_tc_brier.py):
 * a continuous scale from value 1 (bottom) to {@code levels} (top) through {@code scale}, evenly
 * spaced and interpolated linearly in RGB as plotly does, with ticks at 1 … levels labelled
 * levels … 1, so level 1 (top, the easiest group's red) is the easiest and level G the hardest.
 */
public record ColorBar(String title, List<Color> scale, int levels) {
    /** Width in pixels the bar takes to the right of the chart. */
    static final int WIDTH = 120;
    private static final int BAR_W = 22, TOP = 80, BOTTOM = 60;

    /**
     * The paper's bar for its group colour scale (easiest first; all 11 RdYlBu colours for 10 groups):
     * each colour whitened by 25 and the list reversed, so the bottom is the hardest end.
     */
    public static ColorBar forGroups(List<Color> colorScale, int levels) {
        List<Color> scale = new ArrayList<>();
        for (int i = colorScale.size() - 1; i >= 0; i--) scale.add(ChartParts.whiten(colorScale.get(i), 25));
        return new ColorBar("Difficulty level", List.copyOf(scale), levels);
    }

    /** The label written at tick value v (1 … levels): levels + 1 − v, as the paper's reversed ticktext. */
    public int label(int v) {
        return levels + 1 - v;
    }

    /** The colour the bar shows at value v in [1, levels]. */
    public Color colorAt(double v) {
        double f = levels == 1 ? 0 : (v - 1) / (levels - 1) * (scale.size() - 1);
        int i = (int) Math.min(Math.floor(f), scale.size() - 2);
        if (scale.size() == 1) return scale.get(0);
        double t = f - i;
        Color a = scale.get(i), b = scale.get(i + 1);
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    /** Paints the bar in a strip {@link #WIDTH} wide whose left edge is x0, for a figure {@code height} tall. */
    void paint(Graphics2D g, int x0, int height) {
        int top = TOP, bottom = height - BOTTOM, x = x0 + 14;
        for (int y = top; y <= bottom; y++) {
            double v = levels == 1 ? 1 : 1 + (levels - 1) * (double) (bottom - y) / (bottom - top);
            g.setColor(colorAt(v));
            g.fillRect(x, y, BAR_W, 2); // 2 pixels tall, overlapping: no seams when the image is scaled
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, top, BAR_W, bottom - top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int v = 1; v <= levels; v++) {
            int y = levels == 1 ? (top + bottom) / 2 : bottom - (int) Math.round((double) (v - 1) / (levels - 1) * (bottom - top));
            g.drawLine(x + BAR_W, y, x + BAR_W + 5, y);
            g.drawString(Integer.toString(label(v)), x + BAR_W + 8, y + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        String[] words = title.split(" ");
        for (int i = 0; i < words.length; i++) g.drawString(words[i], x0 + 8, top - 36 + i * 16);
    }
}
