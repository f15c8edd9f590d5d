package org.elusive.sloth;

import java.nio.file.Path;
import java.util.List;
import org.elusive.store.RawTable;
import org.elusive.store.TableFormat;

/** Writes a small table as CSV or Parquet through the store's one writer. Returns the file written. */
public final class TableOut {
    private TableOut() {}

    public static Path write(Path dir, String name, String format, List<String> header, List<List<Object>> rows) {
        TableFormat f = format.equals("csv") ? TableFormat.CSV : TableFormat.PARQUET;
        Path out = dir.resolve(name + "." + f.extension());
        RawTable.write(out, f, header, rows.stream().map(List::toArray).toList());
        return out;
    }
}
