package org.elusive.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** An in-memory DuckDB connection: the reader and writer of Parquet, CSV and JSON-lines tables. */
final class Duck {
    private Duck() {}

    static Connection open() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (ClassNotFoundException | SQLException e) {
            throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
        }
    }

    static String literal(String s) { return "'" + s.replace("'", "''") + "'"; }

    static String ident(String s) { return "\"" + s.replace("\"", "\"\"") + "\""; }

    /** A DuckDB table function reading {@code path}; CSV is read as text so that we parse and report. */
    static String source(Path path, TableFormat format) {
        String p = literal(path.toAbsolutePath().toString());
        return switch (format) {
            case PARQUET -> "read_parquet(" + p + ")";
            case CSV -> "read_csv(" + p + ", header = true, all_varchar = true, auto_detect = true)";
            case JSONL -> "read_json(" + p + ", format = 'newline_delimited')";
        };
    }
}
