package org.elusive.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.elusive.store.RawTable;
import org.elusive.store.TableFormat;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * One figure: an XChart chart, the text labels drawn on it and an optional colour bar beside it,
 * written as {@code <stem>.png} (150 dpi), {@code <stem>.svg} and {@code <stem>.csv}. The CSV is read
 * off the same objects that are painted (every series point in drawing order, every label, every
 * colour-bar tick), so it holds exactly what the figure shows: columns {@code series, kind, x, y, color},
 * kind one of {@code title}, {@code x_axis}, {@code y_axis} (series is the text), {@code points},
 * {@code line}, {@code band} (a closed polygon), {@code label} (series is the text, at x, y) and
 * {@code colorbar} (x = tick value, y = the level written there); NaN y is a gap in a line.
 */
public final class Figure {
    private static final double DPI_SCALE = 150 / 72.0;

    private final XYChart chart;
    private final List<Label> labels = new ArrayList<>();
    private ColorBar colorBar;

    private record Label(String text, double x, double y) {}

    public Figure(XYChart chart) {
        this.chart = chart;
    }

    public XYChart chart() { return chart; }

    public ColorBar colorBar() { return colorBar; }

    Figure withColorBar(ColorBar bar) {
        this.colorBar = bar;
        return this;
    }

    /** A boxed text label centred at (x, y) in data coordinates (the paper's "Emergence" annotation). */
    Figure label(String text, double x, double y) {
        AnnotationText a = new AnnotationText(text, x, y, false);
        chart.addAnnotation(a);
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getStyler().setAnnotationTextFontColor(Color.BLACK);
        labels.add(new Label(text, x, y));
        return this;
    }

    /** The rows of the CSV: series, kind, x, y, color. */
    public List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {chart.getTitle(), "title", Double.NaN, Double.NaN, "#000000"});
        rows.add(new Object[] {chart.getXAxisTitle(), "x_axis", Double.NaN, Double.NaN, "#000000"});
        rows.add(new Object[] {chart.getYAxisTitle(), "y_axis", Double.NaN, Double.NaN, "#000000"});
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] xs = s.getXData(), ys = s.getYData();
            String kind = switch (s.getXYSeriesRenderStyle()) {
                case Scatter -> "points";
                case PolygonArea -> "band";
                default -> "line";
            };
            Color c = kind.equals("points") ? s.getMarkerColor() : kind.equals("band") ? s.getFillColor() : s.getLineColor();
            for (int i = 0; i < xs.length; i++) rows.add(new Object[] {s.getName(), kind, xs[i], ys[i], hex(c)});
        }
        for (Label l : labels) rows.add(new Object[] {l.text(), "label", l.x(), l.y(), "#000000"});
        if (colorBar != null) {
            for (int v = 1; v <= colorBar.levels(); v++) {
                rows.add(new Object[] {colorBar.title(), "colorbar", (double) v, (double) colorBar.label(v), hex(colorBar.colorAt(v))});
            }
        }
        return rows;
    }

    /** Writes {@code <stem>.png}, {@code <stem>.svg} and {@code <stem>.csv} into {@code dir}. */
    public void save(Path dir, String stem) {
        Figures.createDirectory(dir);
        int w = chart.getWidth() + (colorBar == null ? 0 : ColorBar.WIDTH), h = chart.getHeight();
        try {
            BufferedImage image = new BufferedImage((int) Math.round(w * DPI_SCALE), (int) Math.round(h * DPI_SCALE),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(DPI_SCALE, DPI_SCALE);
            paint(g, w, h);
            g.dispose();
            ImageIO.write(image, "png", dir.resolve(stem + ".png").toFile());

            VectorGraphics2D vg = new VectorGraphics2D();
            paint(vg, w, h);
            Figures.writeSvg(vg, w, h, dir.resolve(stem + ".svg"));   // compacted: dense lines as one path
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(stem) + ": cannot write figure", e);
        }
        RawTable.write(dir.resolve(stem + ".csv"), TableFormat.CSV, List.of("series", "kind", "x", "y", "color"), rows());
    }

    private void paint(Graphics2D g, int w, int h) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        Graphics2D c = (Graphics2D) g.create();
        chart.paint(c, chart.getWidth(), h);
        c.dispose();
        if (colorBar != null) colorBar.paint(g, chart.getWidth(), h);
    }

    static String hex(Color c) {
        String rgb = String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        return c.getAlpha() == 255 ? rgb : rgb + String.format(Locale.ROOT, "%02x", c.getAlpha());
    }
}
