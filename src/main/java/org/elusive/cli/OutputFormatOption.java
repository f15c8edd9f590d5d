package org.elusive.cli;

import java.nio.file.Path;
import org.elusive.store.TableFormat;
import picocli.CommandLine.Option;

/**
 * The {@code --format} option of the commands that write a docs/design.md §3 table (a picocli mixin).
 * It is converted at parsing ({@link Converters}), so an unknown format stops a command before it
 * loads or computes anything.
 */
final class OutputFormatOption {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "parquet, csv or jsonl (default: from the extension of --out, else parquet).")
    TableFormat format;

    TableFormat of(Path out) { return format != null ? format : of(null, out); }

    /** {@code format} if given, else the extension of {@code out} if it names a format, else Parquet. */
    static TableFormat of(String format, Path out) {
        if (format != null) return TableFormat.fromName(format);
        try {
            return TableFormat.fromPath(out);
        } catch (RuntimeException e) {
            return TableFormat.PARQUET;
        }
    }
}
