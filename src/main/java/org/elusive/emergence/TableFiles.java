package org.elusive.emergence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.elusive.core.BadInputException;
import org.elusive.store.TableFormat;

/**
 * Reads and writes model tables of any shape (the paper's CSVs: dozens of columns, empty cells,
 * pandas' "Unnamed" columns) as CSV, Parquet or JSONL, through DuckDB. The fixed schemas of docs/design.md §3
 * go through {@code org.elusive.store} instead; both pick the format with {@link TableFormat}.
 */
public final class TableFiles {
    private TableFiles() {}

    public static Table read(Path file) {
        if (Files.isDirectory(file)) throw new BadInputException(file + ": is a directory (expected a table file)");
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such file");
        TableFormat format = TableFormat.fromPath(file);
        String path = quote(file.toAbsolutePath().toString());
        String source = switch (format) {
            case CSV -> "read_csv(" + path + ", header=true, all_varchar=true)";
            case PARQUET -> "read_parquet(" + path + ")";
            case JSONL -> "read_json_auto(" + path + ", format='newline_delimited')";
        };
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + source)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) columns.add(meta.getColumnName(i));
            List<String[]> rows = new ArrayList<>();
            while (rs.next()) {
                String[] row = new String[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    Object o = rs.getObject(i + 1);
                    row[i] = o == null ? null : o.toString();
                }
                rows.add(row);
            }
            if (columns.isEmpty()) throw new BadInputException(file + ": empty table");
            return new Table(file, List.copyOf(columns), rows);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot read as " + format.extension()
                    + " (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    public static void write(Table.Builder table, Path out, TableFormat format) {
        if (Files.isDirectory(out)) throw new BadInputException(out + ": is a directory (expected the path of the table file to write)");
        Path parent = out.toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot create the directory " + parent + " (" + e + ")", e);
        }
        try {
            if (format == TableFormat.CSV) {
                writeCsv(table, out);
            } else {
                writeViaDuckDb(table, out, format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write", e);
        } catch (SQLException e) {
            throw new IllegalStateException(out + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static void writeCsv(Table.Builder table, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(csvLine(table.columns().toArray()));
            for (Object[] row : table.rows()) w.write(csvLine(row));
        }
    }

    private static String csvLine(Object[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(csvCell(cells[i]));
        }
        return sb.append('\n').toString();
    }

    private static String csvCell(Object o) {
        if (o == null) return "";
        if (o instanceof Double d) return d.isNaN() ? "" : d.toString();
        String s = o.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void writeViaDuckDb(Table.Builder table, Path out, TableFormat format) throws SQLException, IOException {
        List<String> cols = table.columns();
        boolean[] numeric = new boolean[cols.size()], integral = new boolean[cols.size()];
        for (int j = 0; j < numeric.length; j++) {
            numeric[j] = integral[j] = true;
            for (Object[] row : table.rows()) {
                if (row[j] == null) continue;
                if (!(row[j] instanceof Number)) numeric[j] = false;
                if (!(row[j] instanceof Integer || row[j] instanceof Long)) integral[j] = false;
            }
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (");
        for (int j = 0; j < cols.size(); j++) {
            if (j > 0) ddl.append(", ");
            ddl.append('"').append(cols.get(j).replace("\"", "\"\"")).append("\" ")
                    .append(integral[j] && numeric[j] ? "BIGINT" : numeric[j] ? "DOUBLE" : "VARCHAR");
        }
        ddl.append(')');
        Files.deleteIfExists(out);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            String marks = String.join(", ", java.util.Collections.nCopies(cols.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (" + marks + ")")) {
                for (Object[] row : table.rows()) {
                    for (int j = 0; j < row.length; j++) {
                        Object o = row[j];
                        if (o == null || (o instanceof Double d && d.isNaN())) ps.setObject(j + 1, null);
                        else if (integral[j]) ps.setLong(j + 1, ((Number) o).longValue());
                        else if (numeric[j]) ps.setDouble(j + 1, ((Number) o).doubleValue());
                        else ps.setString(j + 1, o.toString());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            String fmt = format == TableFormat.PARQUET ? "FORMAT parquet" : "FORMAT json";
            s.execute("COPY t TO " + quote(out.toAbsolutePath().toString()) + " (" + fmt + ")");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    private static String quote(String s) { return "'" + s.replace("'", "''") + "'"; }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
