package org.elusive.sloth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elusive.core.BadInputException;
import org.elusive.store.RawTable;

/**
 * A model × benchmark table in the shape of the Sloth paper's {@code data_v2.csv}: one row per
 * model with {@code Model}, {@code Family2} (the family; falls back to {@code Family}),
 * {@code Family} (the base family the held-out groups are built from), {@code #Params (B)},
 * {@code Pretraining Data Size (T)}, {@code FLOPs (1E21)} and one column per benchmark.
 * CSV, Parquet or JSONL by extension (read by {@link RawTable}). Missing values (an empty cell or
 * "nan") are NaN, which the paper's protocol drops ({@link Design}); any other cell that is not a
 * number is an error once it is in a column that is read as a number (params, tokens, FLOPs, the
 * chosen benchmarks): dropping it as missing would lose a model without a word.
 */
public record ScalingTable(Path file, List<Row> rows, List<String> columns) {
    public static final String MODEL = "Model", FAMILY = "Family2", BASE_FAMILY = "Family";
    public static final String PARAMS = "#Params (B)", TOKENS = "Pretraining Data Size (T)", FLOPS = "FLOPs (1E21)";

    /**
     * One model; params in billions, tokens in trillions, flops in 1e21. {@code line} is its row
     * in the file (the header is row 1); {@code text} holds its cells that are not numbers (names,
     * flags, dates), which only a benchmark column must not have.
     */
    public record Row(int line, String model, String family, String baseFamily, double params, double tokens, double flops,
                      Map<String, Double> values, Map<String, String> text) {
        public double value(String benchmark) { return values.getOrDefault(benchmark, Double.NaN); }
    }

    public static ScalingTable read(Path file) {
        List<Map<String, String>> raw = readRaw(file);
        List<String> columns = raw.isEmpty() ? List.of() : new ArrayList<>(raw.get(0).keySet());
        if (raw.isEmpty()) throw new BadInputException(file + ": empty table, expected one row per model");
        for (String c : List.of(MODEL, PARAMS, TOKENS, FLOPS))
            if (!columns.contains(c)) throw new BadInputException(file + ": missing column '" + c + "'");
        String famCol = columns.contains(FAMILY) ? FAMILY : BASE_FAMILY;
        if (!columns.contains(famCol)) throw new BadInputException(file + ": missing column '" + FAMILY + "' (or '" + BASE_FAMILY + "')");
        String baseCol = columns.contains(BASE_FAMILY) ? BASE_FAMILY : famCol;
        List<Row> rows = new ArrayList<>();
        int line = 1;
        for (Map<String, String> r : raw) {
            line++;
            if (r.get(MODEL) == null || r.get(famCol) == null)
                throw new BadInputException(file + ": row " + line + " has no '" + MODEL + "' or '" + famCol + "'");
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, String> text = new LinkedHashMap<>();
            for (String c : columns) {
                double v = number(r.get(c));
                if (!Double.isNaN(v) || isMissing(r.get(c))) values.put(c, v);
                else text.put(c, r.get(c));
            }
            Row row = new Row(line, r.get(MODEL), r.get(famCol), r.get(baseCol), values.getOrDefault(PARAMS, Double.NaN),
                    values.getOrDefault(TOKENS, Double.NaN), values.getOrDefault(FLOPS, Double.NaN), values, text);
            for (String c : List.of(PARAMS, TOKENS, FLOPS)) checkNumber(file, row, c);
            rows.add(row);
        }
        return new ScalingTable(file, rows, columns);
    }

    /** The table without the rows of {@code families} (Family2). */
    public ScalingTable without(Set<String> families) {
        if (families.isEmpty()) return this;
        return new ScalingTable(file, rows.stream().filter(r -> !families.contains(r.family())).toList(), columns);
    }

    /**
     * Checks that every benchmark is a column and that no row has a cell in it that is neither a
     * number nor missing; the message names the file, the column (and the row, model and value).
     */
    public void requireBenchmarks(List<String> benchmarks) {
        for (String b : benchmarks)
            if (!columns.contains(b)) throw new BadInputException(file + ": unknown benchmark column '" + b + "'");
        for (Row r : rows)
            for (String b : benchmarks) checkNumber(file, r, b);
    }

    private static void checkNumber(Path file, Row r, String column) {
        String v = r.text().get(column);
        if (v != null)
            throw new BadInputException(file + ": row " + r.line() + " (model '" + r.model() + "'), column '" + column
                    + "': '" + v + "' is not a number (leave the cell empty or write nan when it is missing)");
    }

    private static boolean isMissing(String s) { return s == null || s.isBlank() || s.trim().equalsIgnoreCase("nan"); }

    /**
     * Random-guess floors from the paper's {@code lower_bounds.csv} (one header row of benchmark
     * names, one row of floors). Every benchmark must be present.
     */
    public static double[] floors(Path file, List<String> benchmarks) {
        List<Map<String, String>> raw = readRaw(file);
        if (raw.isEmpty()) throw new BadInputException(file + ": empty, expected one row of random-guess floors");
        double[] out = new double[benchmarks.size()];
        for (int j = 0; j < out.length; j++) {
            String v = raw.get(0).get(benchmarks.get(j));
            if (v == null) throw new BadInputException(file + ": no floor for benchmark column '" + benchmarks.get(j) + "'");
            out[j] = number(v);
            if (!(out[j] >= 0 && out[j] < 1)) throw new BadInputException(file + ": floor of '" + benchmarks.get(j) + "' is " + v + ", expected a number in [0, 1)");
        }
        return out;
    }

    /** The cell as a number; NaN when it is missing or not a number ({@link #isMissing} tells which). */
    private static double number(String s) {
        if (isMissing(s)) return Double.NaN;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The rows of a table of any shape as column → text (null when missing), by the store's raw-table reader. */
    static List<Map<String, String>> readRaw(Path file) {
        RawTable raw = RawTable.read(file);
        List<Map<String, String>> out = new ArrayList<>(raw.rows().size());
        for (String[] cells : raw.rows()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) row.put(raw.columns().get(i), cells[i]);
            out.add(row);
        }
        return out;
    }
}
