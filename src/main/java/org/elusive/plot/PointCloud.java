package org.elusive.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter of any number of points, drawn as one raster image over the plot area (at the panel's
 * resolution), in the PNG and, embedded, in the SVG: a figure of a million docs costs one image the
 * size of its plot area, not a million vector circles. The axes must have explicit bounds (XChart never sees the
 * points); {@link #legend} adds a one-point series per group, drawn under the image at a point of
 * the group, so that the legend shows the group's colour.
 */
public final class PointCloud implements Figures.Overlay {
    private static final double RADIUS = 2.5; // the legend markers' size (XChart's marker size 5)

    private record Group(double[] x, double[] y, int[] argb) {}

    private final List<Group> groups = new ArrayList<>();

    /** Points of one colour (non-finite coordinates are not drawn). */
    public PointCloud add(double[] x, double[] y, Color color) {
        int[] argb = new int[x.length];
        Arrays.fill(argb, translucent(color).getRGB());
        groups.add(new Group(x, y, argb));
        return this;
    }

    /** Points with a colour each. */
    public PointCloud add(double[] x, double[] y, Color[] colors) {
        int[] argb = new int[x.length];
        for (int i = 0; i < argb.length; i++) argb[i] = translucent(colors[i]).getRGB();
        groups.add(new Group(x, y, argb));
        return this;
    }

    /** A legend entry for a group: one marker of {@code color} at its first drawable point. */
    public static void legend(XYChart chart, String name, double[] x, double[] y, Color color) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                XYSeries s = chart.addSeries(name, new double[] {x[i]}, new double[] {y[i]});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color);
                return;
            }
        }
    }

    @Override public void paint(Graphics2D g, XYChart chart) {
        var s = chart.getStyler();
        double x0 = chart.getScreenXFromChart(s.getXAxisMin()), x1 = chart.getScreenXFromChart(s.getXAxisMax());
        double y0 = chart.getScreenYFromChart(s.getYAxisMax()), y1 = chart.getScreenYFromChart(s.getYAxisMin());
        int left = (int) Math.floor(Math.min(x0, x1) - RADIUS), top = (int) Math.floor(Math.min(y0, y1) - RADIUS);
        int w = (int) Math.ceil(Math.abs(x1 - x0) + 2 * RADIUS) + 1, h = (int) Math.ceil(Math.abs(y1 - y0) + 2 * RADIUS) + 1;
        if (w <= 1 || h <= 1) return;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D ig = image.createGraphics();
        ig.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        ig.translate(-left, -top);
        Ellipse2D.Double dot = new Ellipse2D.Double(0, 0, 2 * RADIUS, 2 * RADIUS);
        for (Group gr : groups) {
            for (int i = 0; i < gr.x().length; i++) {
                double px = chart.getScreenXFromChart(gr.x()[i]), py = chart.getScreenYFromChart(gr.y()[i]);
                if (!Double.isFinite(px) || !Double.isFinite(py)) continue;
                ig.setColor(new Color(gr.argb()[i], true));
                dot.x = px - RADIUS;
                dot.y = py - RADIUS;
                ig.fill(dot);
            }
        }
        ig.dispose();
        g.drawImage(image, left, top, w, h, null);
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 170);
    }
}
