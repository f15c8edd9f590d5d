package org.elusive.plot;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV written next to every figure: exactly the numbers it draws, one row per drawn point (or
 * bar, or line vertex), so a reader can check or redraw the figure without the tables. Rows are
 * labelled by panel and series; values are written with Java's shortest round-trip spelling.
 */
public final class FigureCsv {
    private final List<String> header;
    private final StringBuilder body = new StringBuilder();

    /** Columns {@code panel, series} and then {@code valueColumns}. */
    public FigureCsv(String... valueColumns) {
        header = new ArrayList<>(List.of("panel", "series"));
        header.addAll(List.of(valueColumns));
    }

    public FigureCsv row(String panel, String series, double... values) {
        if (values.length != header.size() - 2) {
            throw new IllegalArgumentException(values.length + " values for columns " + header);
        }
        body.append(quote(panel)).append(',').append(quote(series));
        for (double v : values) body.append(',').append(Double.isNaN(v) ? "nan" : Double.toString(v));
        body.append('\n');
        return this;
    }

    public void write(Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", header));
            w.write('\n');
            w.write(body.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
