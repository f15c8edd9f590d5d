package org.elusive.emergence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model metadata table: its FLOPs for the difficulty threshold, and the join of the groups onto it.
 *
 * <p>Joins difficulty groups onto a model metadata table (ObsScaling's base_llm_benchmark_eval.csv, as
 * the paper's grouping scripts do with {@code eval_data.loc[model, column] = value}): every metadata
 * row is kept, in order, with its own columns, and gets the group columns of the checkpoint whose
 * label equals its {@code Model} (empty where none was scored); scored checkpoints missing from the
 * metadata are appended at the end with the identity columns the groups table has.
 */
public final class ModelMetadata {
    private ModelMetadata() {}

    /**
     * FLOPs (1E21) per {@code Model}, from the first row that names it (the paper's
     * {@code eval_data.loc[eval_data['Model'] == name, 'FLOPs (1E21)'].iloc[0]}); NaN where the cell is empty.
     */
    public static Map<String, Double> flops(Table metadata) {
        int model = metadata.require(GroupColumns.MODEL, "the model name to join on");
        int flops = metadata.require(GroupColumns.FLOPS, "training compute in units of 1e21 FLOPs, for the threshold");
        Map<String, Double> out = new HashMap<>();
        for (int r = 0; r < metadata.size(); r++) out.putIfAbsent(metadata.string(r, model), metadata.number(r, flops));
        return out;
    }

    public static Table.Builder join(Table metadata, Table.Builder groups) {
        int model = metadata.require(GroupColumns.MODEL, "the model name to join on");
        List<String> gCols = groups.columns();
        Set<String> metaCols = new HashSet<>(metadata.columns());
        List<Integer> added = new ArrayList<>();
        List<String> columns = new ArrayList<>(metadata.columns());
        for (int j = 0; j < gCols.size(); j++) {
            if (!metaCols.contains(gCols.get(j))) { columns.add(gCols.get(j)); added.add(j); }
        }
        Map<String, Object[]> byModel = new HashMap<>();
        for (Object[] row : groups.rows()) byModel.put(row[0].toString(), row);

        Table.Builder out = new Table.Builder(columns);
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < metadata.size(); r++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < metadata.columns().size(); c++) row[c] = cell(metadata, r, c);
            Object[] g = byModel.get(metadata.string(r, model));
            if (g != null) {
                seen.add(metadata.string(r, model));
                for (int k = 0; k < added.size(); k++) row[metadata.columns().size() + k] = g[added.get(k)];
            }
            out.add(row);
        }
        for (Object[] g : groups.rows()) {
            if (seen.contains(g[0].toString())) continue;
            Object[] row = new Object[columns.size()];
            for (int j = 0; j < gCols.size(); j++) row[columns.indexOf(gCols.get(j))] = g[j];
            out.add(row);
        }
        return out;
    }

    /** Numbers stay numbers (so Parquet gets DOUBLE columns), text stays text, empty is null. */
    private static Object cell(Table t, int r, int c) {
        String s = t.string(r, c);
        if (s.isEmpty()) return null;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }
}
