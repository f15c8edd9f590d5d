package org.elusive.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.elusive.core.BadInputException;

/**
 * Writes records as a table: DuckDB's appender into an in-memory table, then one {@code COPY … TO}
 * into a temporary file next to the target, renamed atomically so that a reader never sees a
 * half-written table (the sweep decides "unit done" by the file's existence). JSON lines are written
 * by Jackson instead: DuckDB spells a double such as 5.6e19 FLOPs as {@code 56371445760000000000.0},
 * which the integer-first parsers of ujson / {@code pandas.read_json} reject ("Value is too big").
 * Every table goes through here (the fixed schemas of {@link Tables} and the free-form {@link RawTable}s),
 * so NaN has one spelling per format: {@code nan} in CSV, bare {@code NaN} in JSON lines.
 */
final class TableWriter {
    private TableWriter() {}

    static <T> void write(Path out, TableFormat format, List<Column<T>> columns, Iterable<? extends T> rows) {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new BadInputException(out + ": is a directory (expected the path of the table file to write)");
        }
        try {
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot create the directory " + dir + " (" + e + ")", e);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            if (format == TableFormat.JSONL) writeJsonLines(tmp, columns, rows);
            else writeWithDuckDb(tmp, format, columns, rows);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + out + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
        }
    }

    private static <T> void writeWithDuckDb(Path file, TableFormat format, List<Column<T>> columns,
                                            Iterable<? extends T> rows) throws SQLException {
        try (Connection conn = Duck.open(); Statement st = conn.createStatement()) {
            stage(conn, "staged", columns, sink -> rows.forEach(sink));
            String select = columns.stream().map(c -> c.type() == Column.Type.FLOAT_LIST && format != TableFormat.CSV
                    ? "CAST(" + Duck.ident(c.name()) + " AS FLOAT[]) AS " + Duck.ident(c.name())
                    : Duck.ident(c.name())).collect(Collectors.joining(", "));
            String options = format == TableFormat.PARQUET ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true";
            st.execute("COPY (SELECT " + select + " FROM staged) TO " + Duck.literal(file) + " (" + options + ")");
        }
    }

    /**
     * Creates table {@code name} of {@code columns} in {@code conn} and appends what {@code rows} pushes,
     * one row at a time: the rows live in DuckDB's memory (which spills to disk), never all in the heap.
     */
    static <T> void stage(Connection conn, String name, List<Column<T>> columns, Consumer<Consumer<T>> rows) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + Duck.ident(name) + " (" + columns.stream()
                    .map(c -> Duck.ident(c.name()) + " " + c.type().sql).collect(Collectors.joining(", ")) + ")");
        }
        try (DuckDBAppender app = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, name)) {
            rows.accept(row -> {
                try {
                    app.beginRow();
                    for (Column<T> c : columns) append(app, c.type(), c.value().apply(row));
                    app.endRow();
                } catch (SQLException e) {
                    throw new IllegalStateException("staging " + name + ": " + Duck.firstLine(e), e);
                }
            });
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS) // bare NaN, Infinity: as Python's json and DuckDB read them
            .build();

    private static <T> void writeJsonLines(Path file, List<Column<T>> columns, Iterable<? extends T> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = JSON.createGenerator(w).setRootValueSeparator(new SerializedString("\n"))) {
            for (T row : rows) {
                g.writeStartObject();
                for (Column<T> c : columns) {
                    g.writeFieldName(c.name());
                    writeValue(g, c.type(), c.value().apply(row));
                }
                g.writeEndObject();
            }
            g.writeRaw('\n');
        }
    }

    private static void writeValue(JsonGenerator g, Column.Type type, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (type) {
            case VARCHAR -> g.writeString((String) v);
            case BIGINT, INTEGER -> g.writeNumber(((Number) v).longValue());
            case DOUBLE -> g.writeNumber(canonical(((Number) v).doubleValue()));
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case FLOAT_LIST -> {
                float[] xs = (float[]) v;
                g.writeStartArray();
                for (float x : xs) g.writeNumber(x);
                g.writeEndArray();
            }
        }
    }

    private static void append(DuckDBAppender app, Column.Type type, Object v) throws SQLException {
        if (v == null) {
            app.append((String) null); // the appender's NULL, whatever the column's type
            return;
        }
        switch (type) {
            case VARCHAR -> app.append((String) v);
            case BIGINT -> app.append(((Number) v).longValue());
            case INTEGER -> app.append(((Number) v).intValue());
            case DOUBLE -> app.append(canonical(((Number) v).doubleValue()));
            case BOOLEAN -> app.append((boolean) (Boolean) v);
            case FLOAT_LIST -> app.append(floatList((float[]) v));
        }
    }

    /**
     * One NaN: x86 arithmetic yields a NaN with the sign bit set, which DuckDB's CSV writer spells
     * {@code -nan} and most readers (ours before, Java's parser) reject; every NaN is written as {@code nan}.
     */
    private static double canonical(double v) { return Double.isNaN(v) ? Double.NaN : v; }

    /** DuckDB's list literal; non-finite values spelled as DuckDB parses them. */
    static String floatList(float[] xs) {
        StringBuilder b = new StringBuilder(xs.length * 12).append('[');
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) b.append(", ");
            float x = xs[i];
            b.append(Float.isNaN(x) ? "nan" : x == Float.NEGATIVE_INFINITY ? "-inf" : x == Float.POSITIVE_INFINITY ? "inf" : Float.toString(x));
        }
        return b.append(']').toString();
    }
}
