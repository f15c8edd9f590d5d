package org.elusive.emergence;

import java.nio.file.Path;
import org.elusive.store.RawTable;
import org.elusive.store.TableFormat;

/**
 * The analyses' tables on disk: any shape, CSV, Parquet or JSONL, read and written by the store's
 * raw-table API (one set of reader options and one writer for every table of the project).
 */
public final class TableFiles {
    private TableFiles() {}

    public static Table read(Path file) {
        RawTable raw = RawTable.read(file);
        return new Table(raw.file(), raw.columns(), raw.rows());
    }

    public static void write(Table.Builder table, Path out, TableFormat format) {
        RawTable.write(out, format, table.columns(), table.rows());
    }
}
