package org.elusive.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.rows.Accuracy;

/**
 * lm-eval's aggregate metrics of one task: the mean of each per-doc metric and its standard error
 * ({@code mean_stderr}: sample standard deviation with n − 1, over √n; NaN, lm-eval's "N/A", for one
 * doc). Only the metrics of the task's {@code metric_list} are computed, in lm-eval's order:
 * multiple-choice tasks acc, acc_norm; loglikelihood tasks (LAMBADA) perplexity = exp(−mean ll) and
 * acc = greedy. lm-eval bootstraps perplexity's stderr; elusive does not, so it is NaN.
 *
 * @param values  metric → value, in lm-eval's order
 * @param stderrs metric → standard error (NaN where lm-eval writes "N/A")
 */
public record TaskMetrics(String task, int n, Map<String, Double> values, Map<String, Double> stderrs) {

    /** The metrics elusive computes, by output type, in the order lm-eval's process_results returns them. */
    public static List<String> supported(boolean loglikelihood) {
        return loglikelihood ? List.of("perplexity", "acc") : List.of("acc", "acc_norm");
    }

    /** @param metrics the task's metric names (its metric_list); those elusive does not compute are left out */
    public static TaskMetrics of(String task, List<ScoredDoc> docs, boolean loglikelihood, List<String> metrics) {
        Map<String, Double> values = new LinkedHashMap<>(), stderrs = new LinkedHashMap<>();
        for (String m : supported(loglikelihood)) {
            if (!metrics.contains(m)) continue;
            double[] x = new double[docs.size()];
            for (int i = 0; i < x.length; i++) x[i] = perDoc(docs.get(i), loglikelihood, List.of(m)).get(m).doubleValue();
            if (m.equals("perplexity")) {
                values.put(m, Math.exp(-mean(x)));
                stderrs.put(m, Double.NaN);
            } else {
                values.put(m, mean(x));
                stderrs.put(m, stderr(x));
            }
        }
        return new TaskMetrics(task, docs.size(), values, stderrs);
    }

    /**
     * Per-doc metrics of one doc as lm-eval logs them in its samples, with lm-eval's types: acc and
     * acc_norm 1.0 or 0.0 (multiple choice), perplexity the log-likelihood and acc 1 or 0 (loglikelihood).
     */
    public static Map<String, Number> perDoc(ScoredDoc d, boolean loglikelihood, List<String> metrics) {
        Map<String, Number> m = new LinkedHashMap<>();
        if (loglikelihood) {
            if (metrics.contains("perplexity")) m.put("perplexity", d.choices().get(0).logprob());
            if (metrics.contains("acc")) m.put("acc", d.choices().get(0).greedy() ? 1 : 0);
        } else {
            Accuracy a = d.accuracy();
            if (metrics.contains("acc")) m.put("acc", a.acc() ? 1.0 : 0.0);
            if (metrics.contains("acc_norm")) m.put("acc_norm", a.accNorm() ? 1.0 : 0.0);
        }
        return m;
    }

    /** The names among {@code metrics} that elusive computes for this output type, in lm-eval's order. */
    public static List<String> computed(boolean loglikelihood, List<String> metrics) {
        List<String> out = new ArrayList<>();
        for (String m : supported(loglikelihood)) if (metrics.contains(m)) out.add(m);
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double stderr(double[] v) {
        if (v.length < 2) return Double.NaN;
        double mu = mean(v), ss = 0;
        for (double x : v) ss += (x - mu) * (x - mu);
        return Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
    }
}
