package org.elusive.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.elusive.core.BadInputException;

/**
 * A scores table read one (family, task) at a time as primitive cells, so that an analysis holds one
 * group's matrices, never the table: one family's MMLU alone is ~17 M rows, which as row objects
 * outgrow any default heap. Parquet is queried in place; CSV and JSON lines are first validated row by
 * row by the reader of {@link Tables#readScores} (its messages name the line) and staged in DuckDB's own
 * memory, which spills to disk, not in the Java heap.
 */
public final class ScoreGroups implements AutoCloseable {
    /** The rows of one task, of one family or (family null) of every family: a scaling set picks by checkpoint. */
    public record Group(String family, String task) {
        String where() { return family == null ? "task = ?" : "family = ? AND task = ?"; }

        List<String> params() { return family == null ? List.of(task) : List.of(family, task); }

        String name() { return family == null ? task : family + "/" + task; }
    }

    public record Checkpoint(String model, String revision, double compute) {
        public String label() { return model + "@" + revision; }
    }

    /** One row of a group: the indexes of its checkpoint and doc, and its values in the asked column order. */
    @FunctionalInterface public interface CellVisitor { void accept(int checkpoint, int doc, double[] values); }

    private final Path file;
    private final Connection conn;

    private ScoreGroups(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    public static ScoreGroups open(Path file) {
        TableFormat format;
        try (TableReader r = TableReader.open(file)) {
            r.require(Tables.SCORE_COLUMNS);
            format = TableFormat.fromPath(file);
        }
        Connection conn = Duck.open();
        try (Statement st = conn.createStatement()) {
            if (format == TableFormat.PARQUET) {
                st.execute("CREATE VIEW scores AS SELECT * FROM " + Duck.source(file, format));
            } else {
                TableWriter.stage(conn, "scores", Tables.SCORES, sink -> Tables.forEachScore(file, sink));
            }
            return new ScoreGroups(file, conn);
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new IllegalStateException(file + ": " + Duck.firstLine(e), e);
        } catch (RuntimeException e) { // a bad value in a CSV or JSONL table, reported by the reader
            closeQuietly(conn);
            throw e;
        }
    }

    public Path file() { return file; }

    /** The (family, task) groups, ordered by family then task. */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>();
        query("SELECT DISTINCT family, task FROM scores", List.of(), rs -> {
            if (rs.getString(1) == null || rs.getString(2) == null) throw new BadInputException(file + ": a row without family or task");
            out.add(new Group(rs.getString(1), rs.getString(2)));
        });
        out.sort(Comparator.comparing(Group::family).thenComparing(Group::task));
        return out;
    }

    /** The tasks of the table, sorted. */
    public List<String> tasks() {
        List<String> out = new ArrayList<>();
        query("SELECT DISTINCT task FROM scores WHERE task IS NOT NULL ORDER BY task", List.of(), rs -> out.add(rs.getString(1)));
        return out;
    }

    /** The checkpoints of a group with their compute; one checkpoint with two compute values fails. */
    public List<Checkpoint> checkpoints(Group g) {
        List<Checkpoint> out = new ArrayList<>();
        query("SELECT model, revision, min(compute), max(compute) FROM scores WHERE " + g.where()
                + " GROUP BY model, revision", g.params(), rs -> {
            Checkpoint c = new Checkpoint(rs.getString(1), rs.getString(2), rs.getDouble(3));
            if (Double.compare(c.compute(), rs.getDouble(4)) != 0) {
                throw new BadInputException(g.name() + ": checkpoint " + c.label() + " has two compute values ("
                        + c.compute() + " and " + rs.getDouble(4) + ")");
            }
            out.add(c);
        });
        return out;
    }

    /** The doc ids of the group's rows whose checkpoint is in {@code among}, ascending. */
    public long[] docIds(Group g, List<Checkpoint> among) {
        loadCheckpoints(among);
        List<Long> ids = new ArrayList<>();
        query("SELECT DISTINCT s.doc_id FROM scores s JOIN ck ON s.model = ck.model AND s.revision = ck.revision WHERE s."
                + g.where().replace(" AND ", " AND s.") + " ORDER BY s.doc_id", g.params(), rs -> ids.add(rs.getLong(1)));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Visits every row of the group whose checkpoint is in {@code checkpoints} (others are skipped), with
     * indexes into {@code checkpoints} and {@code docIds} and the values of {@code columns} as doubles
     * (a boolean is 1 or 0). The array passed to the visitor is reused.
     */
    public void cells(Group g, List<Checkpoint> checkpoints, long[] docIds, List<String> columns, CellVisitor v) {
        loadCheckpoints(checkpoints);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE dk (doc_id BIGINT, d INTEGER)");
            try (DuckDBAppender dk = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dk")) {
                for (int d = 0; d < docIds.length; d++) {
                    dk.beginRow();
                    dk.append(docIds[d]);
                    dk.append(d);
                    dk.endRow();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + Duck.firstLine(e), e);
        }
        String values = columns.stream().map(c -> "CAST(s." + Duck.ident(c) + " AS DOUBLE)").collect(Collectors.joining(", "));
        double[] row = new double[columns.size()];
        query("SELECT ck.j, dk.d, " + values + " FROM scores s JOIN ck ON s.model = ck.model AND s.revision = ck.revision"
                + " JOIN dk ON s.doc_id = dk.doc_id WHERE s." + g.where().replace(" AND ", " AND s."), g.params(), rs -> {
            int j = rs.getInt(1), d = rs.getInt(2);
            for (int k = 0; k < row.length; k++) {
                row[k] = rs.getDouble(k + 3);
                if (rs.wasNull()) {
                    throw new BadInputException(file + ": " + g.name() + " checkpoint " + checkpoints.get(j).label()
                            + " doc " + docIds[d] + " column '" + columns.get(k) + "': missing value (expected a number)");
                }
            }
            v.accept(j, d, row);
        });
    }

    /**
     * A fingerprint of each checkpoint's rows in each group: group → label → its compute, row count, and the
     * XOR and the sum of DuckDB's 64-bit hash of (doc_id, the given columns) over its rows — equal rows give
     * equal fingerprints whatever their order in the file. One scan of the table for all groups, computed by
     * DuckDB in parallel, so that unchanged groups are recognised without a query or a cell of their own.
     * Groups ordered by family then task, labels in order.
     */
    public java.util.Map<Group, java.util.SortedMap<String, String>> fingerprints(List<String> columns) {
        String cols = columns.stream().map(c -> "CAST(" + Duck.ident(c) + " AS DOUBLE)").collect(Collectors.joining(", "));
        java.util.Map<Group, java.util.SortedMap<String, String>> out = new java.util.TreeMap<>(
                Comparator.comparing(Group::family).thenComparing(Group::task));
        query("SELECT family, task, model || '@' || revision, min(compute)::VARCHAR, max(compute)::VARCHAR, count(*),"
                + " bit_xor(h)::VARCHAR, sum(h::HUGEINT)::VARCHAR"
                + " FROM (SELECT family, task, model, revision, compute, hash(doc_id, " + cols + ") AS h FROM scores)"
                + " GROUP BY family, task, model, revision", List.of(), rs -> {
            if (rs.getString(1) == null || rs.getString(2) == null) throw new BadInputException(file + ": a row without family or task");
            out.computeIfAbsent(new Group(rs.getString(1), rs.getString(2)), g -> new java.util.TreeMap<>()).put(rs.getString(3),
                    rs.getString(4) + " " + rs.getString(5) + " " + rs.getLong(6) + " " + rs.getString(7) + " " + rs.getString(8));
        });
        return out;
    }

    /** The table ck(model, revision, j): the checkpoints asked for, j their index. */
    private void loadCheckpoints(List<Checkpoint> checkpoints) {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE ck (model VARCHAR, revision VARCHAR, j INTEGER)");
            try (DuckDBAppender ck = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ck")) {
                for (int j = 0; j < checkpoints.size(); j++) {
                    ck.beginRow();
                    ck.append(checkpoints.get(j).model());
                    ck.append(checkpoints.get(j).revision());
                    ck.append(j);
                    ck.endRow();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + Duck.firstLine(e), e);
        }
    }

    @FunctionalInterface private interface RowHandler { void accept(ResultSet rs) throws SQLException; }

    private void query(String sql, List<String> params, RowHandler h) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setString(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) h.accept(rs);
            }
        } catch (SQLException e) {
            throw new BadInputException(file + ": " + Duck.firstLine(e), e);
        }
    }

    @Override public void close() { closeQuietly(conn); }

    private static void closeQuietly(Connection c) {
        try { c.close(); } catch (SQLException ignored) { /* in-memory: nothing to lose */ }
    }
}
