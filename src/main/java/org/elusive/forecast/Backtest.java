package org.elusive.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The backtest: per panel, fit every method on the training checkpoints and predict the held-out ones;
 * each method is scored on the same split by its mean absolute error per benchmark and overall.
 */
public final class Backtest {
    private Backtest() {}

    /** How to split every panel: at a compute cutoff, or holding out the K largest checkpoints. */
    public record Protocol(double cutoff, int holdoutLargest) {
        public static Protocol cutoff(double c) { return new Protocol(c, 0); }
        public static Protocol holdoutLargest(int k) { return new Protocol(Double.NaN, k); }

        Split split(Panel p) { return holdoutLargest > 0 ? Split.holdoutLargest(p, holdoutLargest) : Split.atCutoff(p, cutoff); }
    }

    /** One held-out checkpoint, one method: predicted and observed benchmark scores (NaN: not predicted). */
    public record Row(String set, String benchmark, String model, String revision, double compute, String method,
                      double accPred, double acc, double brierPred, double brier, double pCorrectPred, double pCorrect) {}

    /** Mean absolute errors of one method over the held-out checkpoints of a benchmark (or {@code all}). */
    public record SummaryRow(String set, String benchmark, String method, int n, double maeAcc, double maeBrier,
                             double maePCorrect) {}

    /** Per panel its split, then every row, the summary and why a method did not run where one did not. */
    public record Result(List<Panel> panels, List<Split> splits, List<Row> rows, List<SummaryRow> summary, List<String> notes) {}

    public static Result run(List<Panel> panels, Protocol protocol) {
        List<Split> splits = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Panel p : panels) {
            Split s = protocol.split(p);
            splits.add(s);
            int[] test = s.testIndices();
            double[] xs = new double[test.length];
            for (int i = 0; i < test.length; i++) xs[i] = p.checkpoints().get(test[i]).x();
            for (Forecast f : Methods.run(p, s, xs, notes)) {
                for (int i = 0; i < test.length; i++) {
                    Panel.Checkpoint c = p.checkpoints().get(test[i]);
                    rows.add(new Row(p.set(), p.benchmark(), c.model(), c.revision(), c.compute(), f.method(),
                            f.acc()[i], Panel.mean(p.acc(), test[i]), f.brier()[i], Panel.mean(p.brier(), test[i]),
                            f.pCorrect()[i], Panel.mean(p.pCorrect(), test[i])));
                }
            }
        }
        return new Result(panels, splits, rows, summary(rows), notes);
    }

    /** Per (set, benchmark, method), then per method over every benchmark (set and benchmark {@code all}). */
    static List<SummaryRow> summary(List<Row> rows) {
        Map<List<String>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) groups.computeIfAbsent(List.of(r.set(), r.benchmark(), r.method()), k -> new ArrayList<>()).add(r);
        for (String m : Methods.NAMES) {
            List<Row> all = rows.stream().filter(r -> r.method().equals(m)).toList();
            if (!all.isEmpty()) groups.put(List.of("all", "all", m), all);
        }
        List<SummaryRow> out = new ArrayList<>();
        groups.forEach((k, rs) -> out.add(new SummaryRow(k.get(0), k.get(1), k.get(2), rs.size(),
                mae(rs, Row::accPred, Row::acc), mae(rs, Row::brierPred, Row::brier), mae(rs, Row::pCorrectPred, Row::pCorrect))));
        return out;
    }

    /** Mean |predicted − observed|; NaN when the method predicts none of them. */
    private static double mae(List<Row> rows, Function<Row, Double> pred, Function<Row, Double> actual) {
        double s = 0;
        int n = 0;
        for (Row r : rows) {
            double e = Math.abs(pred.apply(r) - actual.apply(r));
            if (Double.isNaN(e)) continue;
            s += e;
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
