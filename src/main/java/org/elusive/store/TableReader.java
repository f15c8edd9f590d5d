package org.elusive.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.elusive.core.BadInputException;

/**
 * Reads a table of any {@link TableFormat} column by column, validating as it goes: a missing
 * column, an empty file, a missing or non-numeric value each fail with a {@link BadInputException}
 * naming the file, the line (CSV/JSONL) or row (Parquet), and the column.
 */
public final class TableReader implements AutoCloseable {
    private final Path file;
    private final TableFormat format;
    private final Connection conn;
    private final Map<String, String> types = new LinkedHashMap<>();

    private TableReader(Path file) {
        this.file = file;
        this.format = TableFormat.fromPath(file);
        try {
            if (Files.isDirectory(file)) throw new BadInputException(file + ": is a directory (expected a ." + format.extension() + " table file)");
            if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such file");
            if (Files.size(file) == 0) throw new BadInputException(file + ": empty file (expected a " + format.extension() + " table)");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        this.conn = Duck.open();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + Duck.source(file, format))) {
            while (rs.next()) types.put(rs.getString(1), rs.getString(2));
        } catch (SQLException e) {
            close();
            throw shapeError("not a readable " + format.extension() + " table (" + Duck.firstLine(e) + ")", e);
        }
        if (format == TableFormat.CSV && types.size() != csvHeaderFields()) {
            close();
            throw shapeError("cannot split the header line into the columns of a CSV table", null);
        }
    }

    private int csvHeaderFields() {
        try {
            return TableShape.headerFields(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The line that breaks the file's shape if there is one (DuckDB names none), else {@code fallback}. */
    private BadInputException shapeError(String fallback, Exception cause) {
        String msg = TableShape.firstError(file, format).orElse(file + ": " + fallback);
        return cause == null ? new BadInputException(msg) : new BadInputException(msg, cause);
    }

    public static TableReader open(Path file) { return new TableReader(file); }

    /** The column names of a table file, in order. */
    public static List<String> columnsOf(Path file) {
        try (TableReader r = open(file)) { return r.columns(); }
    }

    public Path file() { return file; }

    public boolean has(String column) { return types.containsKey(column); }

    /** Fails naming the first of {@code columns} the table lacks. */
    public void require(List<String> columns) {
        for (String c : columns) {
            if (!has(c)) throw shapeError("missing column '" + c + "' (has " + String.join(", ", types.keySet())
                    + "; expected " + String.join(", ", columns) + ")", null);
        }
    }

    /** Calls {@code f} once per row, in file order; {@code columns} are indexed 0.. in {@link Row}. A table without rows fails. */
    public long scan(List<String> columns, Consumer<Row> f) {
        long n = scanAll(columns, f);
        if (n == 0) throw new BadInputException(file + ": no rows");
        return n;
    }

    /** As {@link #scan}, but a table of no rows is fine: returns 0. */
    public long scanAll(List<String> columns, Consumer<Row> f) {
        require(columns);
        String sql = "SELECT " + columns.stream().map(Duck::ident).collect(Collectors.joining(", ")) + " FROM " + Duck.source(file, format);
        long n = 0;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            Row row = new Row(rs, columns);
            while (rs.next()) {
                row.index = ++n;
                f.accept(row);
            }
        } catch (SQLException e) {
            throw shapeError(Duck.firstLine(e), e);
        }
        return n;
    }

    /** The column names, in file order. */
    public List<String> columns() { return new ArrayList<>(types.keySet()); }

    @Override public void close() {
        try { conn.close(); } catch (SQLException ignored) { /* in-memory: nothing to lose */ }
    }

    private static boolean numeric(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        return t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))|FLOAT|DOUBLE|DECIMAL.*");
    }

    private static final int POOL_LIMIT = 100_000;

    /** The current row; accessors validate and report where a value is bad. */
    public final class Row {
        private final ResultSet rs;
        private final List<String> names;
        private final boolean[] text;
        /** Per-column string pools: identity columns repeat on every row of a sweep-sized table. */
        private final java.util.HashMap<String, String>[] pools;
        long index;

        private Row(ResultSet rs, List<String> names) {
            this.rs = rs;
            this.names = names;
            this.text = new boolean[names.size()];
            for (int i = 0; i < text.length; i++) text[i] = !numeric(types.get(names.get(i)));
            @SuppressWarnings("unchecked")
            java.util.HashMap<String, String>[] p = new java.util.HashMap[names.size()];
            pools = p;
        }

        /** "file line 12 column 'logprob'" (CSV counts its header line; Parquet counts rows). */
        public String where(int col) {
            String pos = switch (format) {
                case CSV -> "line " + (index + 1);
                case JSONL -> "line " + index;
                case PARQUET -> "row " + index;
            };
            return file + " " + pos + " column '" + names.get(col) + "'";
        }

        public String str(int col) {
            try {
                String s = rs.getString(col + 1);
                if (s == null) throw new BadInputException(where(col) + ": missing value (expected a string)");
                if (pools[col] == null) pools[col] = new java.util.HashMap<>();
                if (pools[col].size() >= POOL_LIMIT) return s;
                String pooled = pools[col].putIfAbsent(s, s);
                return pooled == null ? s : pooled;
            } catch (SQLException e) { throw sql(col, e); }
        }

        /** The cell as text, null when missing (a Parquet or JSON value in its Java spelling). */
        public String text(int col) {
            try {
                Object o = rs.getObject(col + 1);
                return o == null ? null : o.toString();
            } catch (SQLException e) { throw sql(col, e); }
        }

        public double f64(int col) {
            try {
                if (text[col]) return parseDouble(col, rs.getString(col + 1));
                double v = rs.getDouble(col + 1);
                if (rs.wasNull()) throw new BadInputException(where(col) + ": missing value (expected a number)");
                return v;
            } catch (SQLException e) { throw sql(col, e); }
        }

        /** A number where NaN is a legitimate value (a correlation): a missing value reads as NaN, as pandas writes it. */
        public double f64OrNaN(int col) {
            try {
                String s = rs.getString(col + 1);
                if (s == null || s.isBlank()) return Double.NaN;
                return f64(col);
            } catch (SQLException e) { throw sql(col, e); }
        }

        public long i64(int col) {
            try {
                if (text[col]) {
                    String s = rs.getString(col + 1);
                    try {
                        return Long.parseLong(nonNull(col, s).trim());
                    } catch (NumberFormatException e) {
                        double d = parseDouble(col, s);
                        if (d != Math.rint(d)) throw new BadInputException(where(col) + ": '" + s + "' is not an integer");
                        return (long) d;
                    }
                }
                long v = rs.getLong(col + 1);
                if (rs.wasNull()) throw new BadInputException(where(col) + ": missing value (expected an integer)");
                return v;
            } catch (SQLException e) { throw sql(col, e); }
        }

        public int i32(int col) {
            long v = i64(col);
            if (v != (int) v) throw new BadInputException(where(col) + ": " + v + " is out of range (expected a 32-bit integer)");
            return (int) v;
        }

        public boolean bool(int col) {
            try {
                String s = nonNull(col, rs.getString(col + 1)).trim().toLowerCase(Locale.ROOT);
                return switch (s) {
                    case "true", "1", "t", "1.0" -> true;
                    case "false", "0", "f", "0.0" -> false;
                    default -> throw new BadInputException(where(col) + ": '" + s + "' is not a boolean (expected true/false)");
                };
            } catch (SQLException e) { throw sql(col, e); }
        }

        /** A list&lt;float&gt; column (a list in Parquet/JSONL, its "[a, b]" text in CSV); null if absent. */
        public float[] floats(int col) {
            try {
                Object o = rs.getObject(col + 1);
                if (o == null) return null;
                if (o instanceof Array a) {
                    Object[] xs = (Object[]) a.getArray();
                    float[] out = new float[xs.length];
                    for (int i = 0; i < xs.length; i++) out[i] = ((Number) xs[i]).floatValue();
                    return out;
                }
                String s = o.toString().trim();
                if (!s.startsWith("[") || !s.endsWith("]")) throw new BadInputException(where(col) + ": '" + s + "' is not a list of numbers");
                String body = s.substring(1, s.length() - 1).trim();
                if (body.isEmpty()) return new float[0];
                String[] parts = body.split(",");
                float[] out = new float[parts.length];
                for (int i = 0; i < parts.length; i++) out[i] = (float) parseDouble(col, parts[i]);
                return out;
            } catch (SQLException e) { throw sql(col, e); }
        }

        private String nonNull(int col, String s) {
            if (s == null) throw new BadInputException(where(col) + ": missing value");
            return s;
        }

        private double parseDouble(int col, String s) {
            String t = nonNull(col, s).trim();
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "nan": case "-nan": case "+nan": return Double.NaN; // C's printf writes -nan
                    case "inf": case "+inf": case "infinity": return Double.POSITIVE_INFINITY;
                    case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                    default: throw new BadInputException(where(col) + ": '" + t + "' is not a number");
                }
            }
        }

        private BadInputException sql(int col, SQLException e) {
            return new BadInputException(where(col) + ": " + Duck.firstLine(e), e);
        }
    }
}
