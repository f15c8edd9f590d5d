package org.elusive.store;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;

/**
 * The model → checkpoint-identity map of {@code import-lm-eval}: a table (CSV, Parquet or JSONL) with
 * columns {@code name, family, model, revision, params, tokens} and optionally {@code compute}
 * (default 6·params·tokens). {@code name} is matched against what lm-eval recorded for the run: the
 * {@code pretrained} model argument with {@code @revision} appended when a revision was given, then
 * {@code pretrained} alone, then lm-eval's output directory name (e.g. {@code EleutherAI__pythia-160m}).
 */
public final class ModelMap {
    /** One checkpoint's identity columns of the choices table. */
    public record Entry(String family, String model, String revision, long params, double tokens, double compute) {}

    public static final List<String> COLUMNS = List.of("name", "family", "model", "revision", "params", "tokens");

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private ModelMap(Path file) { this.file = file; }

    public static ModelMap read(Path file) {
        ModelMap map = new ModelMap(file);
        try (TableReader r = TableReader.open(file)) {
            boolean hasCompute = r.has("compute");
            List<String> cols = hasCompute ? List.of("name", "family", "model", "revision", "params", "tokens", "compute") : COLUMNS;
            r.scan(cols, row -> {
                String name = row.str(0).trim();
                long params = row.i64(4);
                double tokens = row.f64(5);
                double compute = hasCompute ? row.f64(6) : 6.0 * params * tokens;
                Entry e = new Entry(row.str(1), row.str(2), row.str(3), params, tokens, compute);
                if (map.entries.put(name, e) != null) {
                    throw new BadInputException(row.where(0) + ": name '" + name + "' appears twice");
                }
            });
        }
        return map;
    }

    /** The entry of the first candidate name present, or a BadInputException naming all of them. */
    public Entry lookup(List<String> candidates, String context) {
        for (String c : candidates) {
            Entry e = entries.get(c);
            if (e != null) return e;
        }
        throw new BadInputException(context + ": model " + String.join(" / ", candidates.stream().map(c -> "'" + c + "'").toList())
                + " not found in column 'name' of " + file);
    }
}
