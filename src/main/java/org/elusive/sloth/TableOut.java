package org.elusive.sloth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Writes a small table as CSV or Parquet (DuckDB converts the CSV). Returns the file written. */
public final class TableOut {
    private TableOut() {}

    public static Path write(Path dir, String name, String format, List<String> header, List<List<Object>> rows) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve(name + ".csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write(String.join(",", header.stream().map(TableOut::cell).toList()) + "\n");
                for (List<Object> r : rows) w.write(String.join(",", r.stream().map(TableOut::cell).toList()) + "\n");
            }
            if (format.equals("csv")) return csv;
            Path parquet = dir.resolve(name + ".parquet");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                st.execute("COPY (SELECT * FROM read_csv('" + esc(csv) + "', header=true)) TO '" + esc(parquet) + "' (FORMAT PARQUET)");
            }
            Files.delete(csv);
            return parquet;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static String esc(Path p) { return p.toAbsolutePath().toString().replace("'", "''"); }

    private static String cell(Object o) {
        if (o == null) return "";
        if (o instanceof Double d) return d.isNaN() ? "" : Double.toString(d);
        String s = o.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
