package org.elusive.cli;

import java.nio.file.Path;
import org.elusive.store.TableFormat;
import picocli.CommandLine.Option;

/** The {@code --format} option of the commands that write a docs/design.md §3 table (a picocli mixin). */
final class OutputFormatOption {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "parquet, csv or jsonl (default: from the extension of --out, else parquet).")
    String format;

    TableFormat of(Path out) { return of(format, out); }

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
