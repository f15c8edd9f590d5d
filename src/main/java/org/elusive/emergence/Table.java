package org.elusive.emergence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elusive.core.BadInputException;

/**
 * A small in-memory table of strings as read from a CSV, Parquet or JSONL file. The analyses here
 * read model × benchmark tables of a few hundred rows and scores tables of up to a few million
 * cells, so cells stay strings and are parsed where a column is used, with errors naming the file,
 * the line and the column.
 */
public record Table(Path source, List<String> columns, List<String[]> rows) {

    public int size() { return rows.size(); }

    public boolean has(String column) { return columns.contains(column); }

    /** Index of a column that must be present, or exit 2 naming the file and the column. */
    public int require(String column, String why) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new BadInputException(source + ": missing column '" + column + "' (" + why + "); columns are "
                    + columns);
        }
        return i;
    }

    public String string(int row, int column) {
        String s = rows.get(row)[column];
        return s == null ? "" : s;
    }

    /** A numeric cell; empty, null and NaN cells are NaN, booleans are 1/0. */
    public double number(int row, int column) {
        String s = string(row, column).trim();
        if (s.isEmpty()) return Double.NaN;
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan": case "-nan": case "null": case "none": return Double.NaN;
            case "true": return 1;
            case "false": return 0;
            default:
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(source + ": line " + (row + 2) + ", column '" + columns.get(column)
                    + "': expected a number, got '" + s + "'");
        }
    }

    public double[] numbers(int column) {
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) out[r] = number(r, column);
        return out;
    }

    /** Builder for output tables: named columns, rows of Objects (String, Number, null). */
    public static final class Builder {
        private final List<String> columns;
        private final List<Object[]> rows = new ArrayList<>();

        public Builder(List<String> columns) { this.columns = List.copyOf(columns); }

        public Builder add(Object... row) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row of " + row.length + " cells for " + columns.size() + " columns");
            }
            rows.add(row);
            return this;
        }

        public List<String> columns() { return columns; }

        public List<Object[]> rows() { return rows; }
    }
}
