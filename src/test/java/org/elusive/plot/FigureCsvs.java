package org.elusive.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the small CSVs of the figure tests (no quoted fields in them). */
final class FigureCsvs {
    private FigureCsvs() {}

    /** Rows as column → value maps. */
    static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells[i]);
            out.add(row);
        }
        return out;
    }

    static double num(Map<String, String> row, String column) {
        String v = row.get(column);
        return v.equals("nan") ? Double.NaN : Double.parseDouble(v);
    }
}
