package org.elusive.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.elusive.core.BadInputException;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes a grid of XChart panels as one PNG and one SVG (XChart itself saves one chart per file). */
public final class Figures {
    private Figures() {}

    /** Panels laid out row by row, {@code columns} per row, each {@code w}×{@code h} pixels. */
    public static void writeGrid(List<? extends Chart<?, ?>> panels, int columns, int w, int h, Path png, Path svg) {
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
            Document doc = new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height));
            try (OutputStream out = Files.newOutputStream(svg)) {
                doc.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + png + ": " + e.getMessage(), e);
        }
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

    private static void paint(List<? extends Chart<?, ?>> panels, int columns, int w, int h, Graphics2D g) {
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create();
            cell.translate((i % columns) * w, (i / columns) * h);
            cell.setClip(0, 0, w, h);
            panels.get(i).paint(cell, w, h);
            cell.dispose();
        }
    }
}
