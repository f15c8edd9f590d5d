package org.elusive.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.elusive.task.PyJson;

/**
 * lm-eval 0.4.13's printed summary ({@code lm_eval.utils.make_table}) of a results mapping: the Tasks
 * table over {@code results}, then the Groups table over {@code groups} when there are groups. Rows
 * follow {@code group_subtasks} as a tree (children sorted, indented "- " by depth), metrics sorted by
 * key, values with 4 decimals; markdown columns padded, numbers right-aligned.
 */
public final class LmEvalTable {
    private static final List<String> HEADERS = List.of("Version", "Filter", "n-shot", "Metric", "", "Value", "", "Stderr");

    private LmEvalTable() {}

    public static String render(Map<String, Object> results) {
        String s = table(results, "results");
        if (results.containsKey("groups")) s += "\n" + table(results, "groups");
        return s;
    }

    static String table(Map<String, Object> r, String column) {
        List<String> headers = new ArrayList<>();
        headers.add(column.equals("groups") ? "Groups" : "Tasks");
        headers.addAll(HEADERS);
        return markdown(headers, rows(r, column));
    }

    /** make_table's value matrix: one row per (task or group, metric), cells as it formats them. */
    @SuppressWarnings("unchecked")
    static List<List<String>> rows(Map<String, Object> r, String column) {
        Map<String, Object> entries = (Map<String, Object>) r.get(column);
        Map<String, List<String>> subtasks = (Map<String, List<String>>) r.getOrDefault("group_subtasks", Map.of());
        Map<String, Object> versions = (Map<String, Object>) r.get("versions");
        Map<String, Object> nShot = (Map<String, Object>) r.getOrDefault("n-shot", Map.of());
        Map<String, Map<String, Object>> hib = (Map<String, Map<String, Object>>) r.getOrDefault("higher_is_better", Map.of());
        Map<String, Integer> depth = new TreeMap<>();
        List<String> keys = hierarchy(subtasks, entries.keySet(), depth);
        List<List<String>> rows = new ArrayList<>();
        for (String k : keys) {
            Map<String, Object> dic = new TreeMap<>((Map<String, Object>) entries.get(k));
            String version = versions.containsKey(k) ? scalar(versions.get(k)) : "    N/A";
            String n = nShot.containsKey(k) ? scalar(nShot.get(k)) : " ";
            String name = dic.containsKey("alias") ? String.valueOf(dic.get("alias")) : k;
            for (String drop : List.of("alias", "name", "sample_len", "sample_count")) dic.remove(drop);
            int d = depth.getOrDefault(k, 0);
            if (d > 0) name = " ".repeat(d) + "- " + name;
            for (Map.Entry<String, Object> e : dic.entrySet()) {
                String mf = e.getKey();
                int comma = mf.indexOf(',');
                String m = comma < 0 ? mf : mf.substring(0, comma), f = comma < 0 ? "" : mf.substring(comma + 1);
                if (m.endsWith("_stderr")) continue;
                Object h = hib.getOrDefault(k, Map.of()).get(m);
                String arrow = Boolean.TRUE.equals(h) ? "↑" : Boolean.FALSE.equals(h) ? "↓" : "";
                String v = e.getValue() instanceof Double x ? fixed4(x) : scalar(e.getValue());
                Object se = dic.get(m + "_stderr," + f);
                if (se != null) rows.add(List.of(name, version, f, n, m, arrow, v, "±", "N/A".equals(se) ? "   N/A" : fixed4(((Number) se).doubleValue())));
                else rows.add(List.of(name, version, f, n, m, arrow, v, "", ""));
                name = "";
                version = "";
            }
        }
        return rows;
    }

    /** lm-eval's _build_hierarchy_info: roots sorted, children sorted, depth first; then the rest sorted. */
    private static List<String> hierarchy(Map<String, List<String>> subtasks, Set<String> available, Map<String, Integer> depth) {
        List<String> ordered = new ArrayList<>();
        Set<String> children = new HashSet<>();
        subtasks.values().forEach(children::addAll);
        for (String root : new TreeSet<>(subtasks.keySet())) if (!children.contains(root)) visit(root, 0, subtasks, available, depth, ordered);
        for (String k : new TreeSet<>(available)) if (!depth.containsKey(k)) ordered.add(k);
        return ordered;
    }

    private static void visit(String name, int d, Map<String, List<String>> subtasks, Set<String> available,
            Map<String, Integer> depth, List<String> ordered) {
        depth.put(name, d);
        if (available.contains(name)) ordered.add(name);
        for (String c : new TreeSet<>(subtasks.getOrDefault(name, List.of()))) visit(c, d + 1, subtasks, available, depth, ordered);
    }

    /** Python's f"{v:.4f}": the exact binary value rounded half to even. */
    static String fixed4(double v) {
        if (!Double.isFinite(v)) return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        return new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A version or n-shot as the table shows it: whole floats without ".0", as pytablewriter prints numbers. */
    private static String scalar(Object v) {
        if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : PyJson.pyFloat(d);
        return String.valueOf(v);
    }

    private static String markdown(List<String> headers, List<List<String>> rows) {
        int cols = headers.size();
        int[] width = new int[cols];
        boolean[] right = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            width[c] = Math.max(3, headers.get(c).length());
            boolean numeric = !rows.isEmpty();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
                if (!row.get(c).isBlank() && !isNumber(row.get(c))) numeric = false;
            }
            right[c] = numeric;
        }
        StringBuilder s = new StringBuilder("|");
        for (int c = 0; c < cols; c++) {
            int pad = width[c] - headers.get(c).length();
            s.append(" ".repeat(pad / 2)).append(headers.get(c)).append(" ".repeat(pad - pad / 2)).append('|');
        }
        s.append("\n|");
        for (int c = 0; c < cols; c++) s.append("-".repeat(width[c] - (right[c] ? 1 : 0))).append(right[c] ? ":|" : "|");
        s.append('\n');
        for (List<String> row : rows) {
            s.append('|');
            for (int c = 0; c < cols; c++) {
                String pad = " ".repeat(width[c] - row.get(c).length());
                s.append(right[c] ? pad + row.get(c) : row.get(c) + pad).append('|');
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
