package org.elusive.sweep;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of every unit of a results directory: done, running, partial, failed, missing, pending. */
public final class SweepStatus {
    public record Row(Unit unit, String state, String detail) {}

    private SweepStatus() {}

    public static List<Row> of(UnitStore store, List<Unit> units) {
        List<Row> rows = new ArrayList<>();
        for (Unit u : units) rows.add(row(store, u));
        return rows;
    }

    static Row row(UnitStore store, Unit u) {
        var done = store.done(u);
        if (done.isPresent()) return new Row(u, "done", done.get().rows() + " rows, " + done.get().finished());
        int saved = savedRequests(store, u);
        if (store.busy(u)) return new Row(u, "running", saved + " requests saved");
        var failed = store.failed(u);
        if (failed.isPresent()) return new Row(u, failed.get().kind().equals("missing") ? "missing" : "failed",
                failed.get().error());
        if (saved > 0) return new Row(u, "partial", saved + " requests saved, resumes on the next run");
        return new Row(u, "pending", "");
    }

    private static int savedRequests(UnitStore store, Unit u) {
        if (!Files.isDirectory(store.partsDir(u))) return 0;
        int max = 0;
        try (var files = Files.list(store.partsDir(u))) {
            for (var f : files.toList()) {
                var m = UnitStore.PART.matcher(f.getFileName().toString());
                if (m.matches()) max = Math.max(max, Integer.parseInt(m.group(2)));
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return max;
    }

    /** Prints the table and a count per state; returns the counts. */
    public static Map<String, Integer> print(List<Row> rows, PrintStream out) {
        int w = "unit".length();
        for (Row r : rows) w = Math.max(w, r.unit().id().length());
        String fmt = "%-" + w + "s  %-8s  %s%n";
        out.printf(fmt, "unit", "state", "detail");
        for (Row r : rows) out.printf(fmt, r.unit().id(), r.state(), r.detail());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : List.of("done", "running", "partial", "pending", "failed", "missing")) counts.put(s, 0);
        for (Row r : rows) counts.merge(r.state(), 1, Integer::sum);
        StringBuilder sb = new StringBuilder("total " + rows.size());
        counts.forEach((k, v) -> sb.append(", ").append(k).append(' ').append(v));
        out.println(sb);
        return counts;
    }
}
