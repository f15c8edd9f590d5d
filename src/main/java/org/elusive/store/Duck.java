package org.elusive.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The one place that opens DuckDB and spells its SQL: connections, quoting, and the reader options of
 * every table file, so that one file parses the same way in every command. Package-private: nothing
 * outside {@code store} touches DuckDB.
 */
final class Duck {
    private Duck() {}

    /** Loads the driver and its native library (unpacked from the jar on every run): opens and closes an empty database. */
    static void preload() {
        try (Connection unused = open()) {
            // opening is the point
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }

    /** A fresh in-memory database; the caller closes it. */
    static Connection open() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (ClassNotFoundException | SQLException e) {
            throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
        }
    }

    /** A SQL string literal. */
    static String literal(String s) { return "'" + s.replace("'", "''") + "'"; }

    static String literal(Path p) { return literal(p.toAbsolutePath().toString()); }

    /** A SQL identifier (column names of the papers' tables hold spaces, '#', parentheses). */
    static String ident(String s) { return "\"" + s.replace("\"", "\"\"") + "\""; }

    /**
     * The first line of a DuckDB error, without the JDBC prefix: the rest is DuckDB's advice on its
     * own options, which is noise to a user who passed a file.
     */
    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).replaceFirst("^java\\.sql\\.SQLException: ", "");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * A DuckDB table function reading {@code path} as text: CSV cells stay strings so that we parse
     * and report them with file, line and column. CSV is comma-separated with a header line and
     * {@code "} quoting (RFC 4180: what pandas, R and DuckDB write); JSON lines must hold one object
     * per line.
     */
    static String source(Path path, TableFormat format) {
        String p = literal(path);
        return switch (format) {
            case PARQUET -> "read_parquet(" + p + ")";
            case CSV -> "read_csv(" + p + ", " + CSV_DIALECT + ", all_varchar = true)";
            case JSONL -> "read_json(" + p + ", format = 'newline_delimited', records = true)";
        };
    }

    /** As {@link #source} but with CSV column types inferred, as Hugging Face datasets load a CSV split. */
    static String typedSource(Path path, TableFormat format) {
        return format == TableFormat.CSV ? "read_csv(" + literal(path) + ", " + CSV_DIALECT + ")" : source(path, format);
    }

    private static final String CSV_DIALECT = "header = true, delim = ',', quote = '\"', escape = '\"'";
}
