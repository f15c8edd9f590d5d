package org.elusive.store;

import java.nio.file.Path;
import java.util.Locale;
import org.elusive.core.BadInputException;

/** The on-disk formats of every table (docs/design.md §3): Parquet by default, CSV and JSON lines on request. */
public enum TableFormat {
    PARQUET("parquet"), CSV("csv"), JSONL("jsonl");

    private final String extension;

    TableFormat(String extension) { this.extension = extension; }

    public String extension() { return extension; }

    /** {@code parquet}, {@code csv}, {@code jsonl} (also {@code json}, {@code ndjson}), any case. */
    public static TableFormat fromName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "parquet": case "pq": return PARQUET;
            case "csv": return CSV;
            case "jsonl": case "json": case "ndjson": return JSONL;
            default: throw new BadInputException("unknown table format '" + name + "' (expected parquet, csv or jsonl)");
        }
    }

    /** The format named by a file's extension. */
    public static TableFormat fromPath(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) throw new BadInputException(path + ": no file extension (expected .parquet, .csv or .jsonl)");
        try {
            return fromName(name.substring(dot + 1));
        } catch (BadInputException e) {
            throw new BadInputException(path + ": unknown extension '" + name.substring(dot) + "' (expected .parquet, .csv or .jsonl)");
        }
    }

    /** The explicit format if given, else the one of {@code path}'s extension. */
    public static TableFormat of(String explicit, Path path) {
        return explicit == null ? fromPath(path) : fromName(explicit);
    }
}
