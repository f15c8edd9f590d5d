package org.elusive.sweep;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.elusive.store.ChoiceRow;

/** Parquet files of choice rows (DESIGN §3.1) for unit and part files, through DuckDB. */
final class ChoiceFiles {
    private static final String COLUMNS = "family VARCHAR, model VARCHAR, revision VARCHAR, params BIGINT,"
            + " tokens DOUBLE, compute DOUBLE, task VARCHAR, doc_id BIGINT, choice INTEGER, gold BOOLEAN,"
            + " logprob DOUBLE, n_tokens INTEGER, n_chars INTEGER, n_bytes INTEGER, greedy BOOLEAN, tlp VARCHAR";
    private static final String SELECT = "family, model, revision, params, tokens, compute, task, doc_id, choice,"
            + " gold, logprob, n_tokens, n_chars, n_bytes, greedy";

    private ChoiceFiles() {}

    static void write(List<ChoiceRow> rows, Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (" + COLUMNS + ")");
            try (DuckDBAppender app = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                for (ChoiceRow r : rows) {
                    app.beginRow();
                    app.append(r.family()); app.append(r.model()); app.append(r.revision()); app.append(r.params());
                    app.append(r.tokens()); app.append(r.compute()); app.append(r.task()); app.append(r.docId());
                    app.append(r.choice()); app.append(r.gold()); app.append(r.logprob()); app.append(r.nTokens());
                    app.append(r.nChars()); app.append(r.nBytes()); app.append(r.greedy());
                    app.append(r.tokenLogprobs() == null ? null : floats(r.tokenLogprobs()));
                    app.endRow();
                }
            }
            // the list column goes through text: the 1.1 appender has no list support; Float.toString round-trips
            st.execute("COPY (SELECT " + SELECT + ", CAST(tlp AS FLOAT[]) AS token_logprobs FROM t) TO '"
                    + sql(file) + "' (FORMAT parquet)");
        }
    }

    static List<ChoiceRow> read(Path file) throws SQLException {
        return readAll(List.of(file));
    }

    /** Rows of several files, in file order then row order (DuckDB keeps a single file's order). */
    static List<ChoiceRow> readAll(List<Path> files) throws SQLException {
        List<ChoiceRow> rows = new ArrayList<>();
        if (files.isEmpty()) return rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET preserve_insertion_order = true");
            for (Path f : files) {
                try (ResultSet rs = st.executeQuery("SELECT " + SELECT + ", token_logprobs FROM read_parquet('"
                        + sql(f) + "')")) {
                    while (rs.next()) rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    private static ChoiceRow row(ResultSet rs) throws SQLException {
        Array a = rs.getArray(16);
        float[] tlp = null;
        if (a != null) {
            Object[] values = (Object[]) a.getArray();
            tlp = new float[values.length];
            for (int i = 0; i < values.length; i++) tlp[i] = ((Number) values[i]).floatValue();
        }
        return new ChoiceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5),
                rs.getDouble(6), rs.getString(7), rs.getLong(8), rs.getInt(9), rs.getBoolean(10), rs.getDouble(11),
                rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getBoolean(15), tlp);
    }

    private static String floats(float[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(v[i]);
        return sb.append(']').toString();
    }

    private static String sql(Path p) { return p.toAbsolutePath().toString().replace("'", "''"); }

    /** Row equality with the float arrays compared by value (records compare arrays by identity). */
    static boolean sameRows(List<ChoiceRow> a, List<ChoiceRow> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            ChoiceRow x = a.get(i), y = b.get(i);
            if (!Arrays.equals(x.tokenLogprobs(), y.tokenLogprobs())) return false;
            if (!new ChoiceRow(x.family(), x.model(), x.revision(), x.params(), x.tokens(), x.compute(), x.task(),
                    x.docId(), x.choice(), x.gold(), x.logprob(), x.nTokens(), x.nChars(), x.nBytes(), x.greedy(), null)
                    .equals(new ChoiceRow(y.family(), y.model(), y.revision(), y.params(), y.tokens(), y.compute(),
                            y.task(), y.docId(), y.choice(), y.gold(), y.logprob(), y.nTokens(), y.nChars(), y.nBytes(),
                            y.greedy(), null))) return false;
        }
        return true;
    }
}
