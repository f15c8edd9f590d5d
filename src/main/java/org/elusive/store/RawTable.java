package org.elusive.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.core.BadInputException;

/**
 * A table of any shape (the papers' model × benchmark CSVs: dozens of columns, empty cells, pandas'
 * "Unnamed" columns) as text cells, null where a cell is missing. It is read and written by the same
 * reader options and writer as the fixed schemas of {@link Tables}, so a file parses alike in every
 * command and NaN has one spelling: {@code nan} in CSV, NaN in Parquet, bare {@code NaN} in JSON lines.
 */
public record RawTable(Path file, List<String> columns, List<String[]> rows) {

    /** Every column and row of a CSV, Parquet or JSONL file (by extension); a table of no rows is fine. */
    public static RawTable read(Path file) {
        try (TableReader r = TableReader.open(file)) {
            List<String> columns = List.copyOf(r.columns());
            if (columns.isEmpty()) throw new BadInputException(file + ": empty table");
            List<String[]> rows = new ArrayList<>();
            r.scanAll(columns, row -> {
                String[] cells = new String[columns.size()];
                for (int i = 0; i < cells.length; i++) cells[i] = row.text(i);
                rows.add(cells);
            });
            return new RawTable(file, columns, rows);
        }
    }

    /**
     * Writes rows of String, Number, Boolean or null cells, atomically. A column whose cells are all
     * integers is BIGINT, all numbers DOUBLE, all booleans BOOLEAN, anything else text.
     */
    public static void write(Path out, TableFormat format, List<String> columns, List<Object[]> rows) {
        List<Column<Object[]>> typed = new ArrayList<>(columns.size());
        for (int j = 0; j < columns.size(); j++) {
            int col = j;
            Column.Type type = typeOf(rows, col);
            typed.add(Column.of(columns.get(col), type, type == Column.Type.VARCHAR ? row -> text(row[col]) : row -> row[col]));
        }
        TableWriter.write(out, format, typed, rows);
    }

    private static Column.Type typeOf(List<Object[]> rows, int col) {
        boolean integral = true, numeric = true, bool = true, any = false;
        for (Object[] row : rows) {
            Object o = row[col];
            if (o == null) continue;
            any = true;
            integral &= o instanceof Integer || o instanceof Long || o instanceof Short;
            numeric &= o instanceof Number;
            bool &= o instanceof Boolean;
        }
        if (!any) return Column.Type.VARCHAR;
        return integral ? Column.Type.BIGINT : numeric ? Column.Type.DOUBLE : bool ? Column.Type.BOOLEAN : Column.Type.VARCHAR;
    }

    /** A cell of a text column; a number there is spelled as in a number column. */
    private static String text(Object o) {
        if (o == null) return null;
        if (o instanceof Double d && !Double.isFinite(d)) return d.isNaN() ? "nan" : d > 0 ? "inf" : "-inf";
        return o.toString();
    }
}
