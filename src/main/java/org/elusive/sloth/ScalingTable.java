package org.elusive.sloth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.elusive.store.RawTable;

/**
 * A model × benchmark table in the shape of the Sloth paper's {@code data_v2.csv}: one row per
 * model with {@code Model}, {@code Family2} (the family; falls back to {@code Family}),
 * {@code Family} (the base family the held-out groups are built from), {@code #Params (B)},
 * {@code Pretraining Data Size (T)}, {@code FLOPs (1E21)} and one column per benchmark.
 * CSV, Parquet or JSONL by extension (read by {@link RawTable}). Missing values are NaN.
 */
public record ScalingTable(Path file, List<Row> rows, List<String> columns) {
    public static final String MODEL = "Model", FAMILY = "Family2", BASE_FAMILY = "Family";
    public static final String PARAMS = "#Params (B)", TOKENS = "Pretraining Data Size (T)", FLOPS = "FLOPs (1E21)";

    /** One model; params in billions, tokens in trillions, flops in 1e21. */
    public record Row(String model, String family, String baseFamily, double params, double tokens, double flops,
                      Map<String, Double> values) {
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
            Map<String, Double> values = new LinkedHashMap<>();
            for (String c : columns) values.put(c, number(r.get(c)));
            rows.add(new Row(r.get(MODEL), r.get(famCol), r.get(baseCol), number(r.get(PARAMS)), number(r.get(TOKENS)),
                    number(r.get(FLOPS)), values));
            if (r.get(MODEL) == null || r.get(famCol) == null)
                throw new BadInputException(file + ": row " + line + " has no '" + MODEL + "' or '" + famCol + "'");
        }
        return new ScalingTable(file, rows, columns);
    }

    /** Checks that every benchmark is a column; the message names the file and the column. */
    public void requireBenchmarks(List<String> benchmarks) {
        for (String b : benchmarks)
            if (!columns.contains(b)) throw new BadInputException(file + ": unknown benchmark column '" + b + "'");
    }

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

    private static double number(String s) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("nan")) return Double.NaN;
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
