package org.elusive.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.elusive.core.BadInputException;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a grid of XChart panels as one PNG and one SVG (XChart itself saves one chart per file).
 * The SVG stays small whatever the data: XChart draws a line as one element per segment, which
 * {@link CompactSvg} joins into one simplified path, and dense markers are never vector shapes but a
 * {@link PointCloud} raster over the plot area.
 */
public final class Figures {
    private Figures() {}

    /** Drawn over a panel's chart once XChart has laid out its axes (so data maps to pixels). */
    public interface Overlay {
        void paint(Graphics2D g, XYChart chart);
    }

    /** One panel: a chart (axes, legend, light series) and what is drawn over its plot area. */
    public record Panel(XYChart chart, List<Overlay> overlays) {
        public Panel(XYChart chart) { this(chart, List.of()); }
    }

    /**
     * {@code <stem>.png}, {@code .svg} and {@code .csv} in {@code dir}: the panels as a grid and the
     * numbers they draw. Returns the PNG's path.
     */
    public static Path write(Path dir, String stem, List<Panel> panels, int columns, int w, int h, FigureCsv csv) {
        createDirectory(dir);
        Path png = dir.resolve(stem + ".png");
        writeGrid(panels, Math.min(columns, panels.size()), w, h, png, dir.resolve(stem + ".svg"));
        csv.write(dir.resolve(stem + ".csv"));
        return png;
    }

    /** Panels laid out row by row, {@code columns} per row, each {@code w}×{@code h} pixels. */
    public static void writeGrid(List<Panel> panels, int columns, int w, int h, Path png, Path svg) {
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * w, height = rows * h;
        try {
            createDirectory(png.toAbsolutePath().getParent());
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            paint(panels, columns, w, h, g);
            g.dispose();
            ImageIO.write(image, "png", png.toFile());

            VectorGraphics2D vg = new VectorGraphics2D();
            paint(panels, columns, w, h, vg);
            writeSvg(vg, width, height, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + png + ": " + e.getMessage(), e);
        }
    }

    /** One chart as a compact SVG of {@code w}×{@code h} pixels (for figures saved one chart per file). */
    public static void writeSvg(Chart<?, ?> chart, int w, int h, Path svg) {
        VectorGraphics2D vg = new VectorGraphics2D();
        chart.paint(vg, w, h);
        try {
            writeSvg(vg, w, h, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + svg + ": " + e.getMessage(), e);
        }
    }

    static void writeSvg(VectorGraphics2D vg, int width, int height, Path svg) throws IOException {
        Document doc = new SVGProcessor().getDocument(CompactSvg.compact(vg.getCommands()), new PageSize(0, 0, width, height));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        doc.writeTo(buffer);
        Files.writeString(svg, CompactSvg.reusePaths(buffer.toString(StandardCharsets.UTF_8)));
    }

    /** Creates the output directory of figures; a path that is a file (or under one) is bad input. */
    public static void createDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": is a file (expected a directory for the figures)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the directory for the figures (" + e + ")", e);
        }
    }

    private static void paint(List<Panel> panels, int columns, int w, int h, Graphics2D g) {
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create();
            cell.translate((i % columns) * w, (i / columns) * h);
            cell.setClip(0, 0, w, h);
            Panel p = panels.get(i);
            p.chart().paint(cell, w, h);
            for (Overlay o : p.overlays()) o.paint(cell, p.chart());
            cell.dispose();
        }
    }
}
