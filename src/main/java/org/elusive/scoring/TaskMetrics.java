package org.elusive.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.rows.Accuracy;

/**
 * lm-eval's aggregate metrics of one task: the mean of each per-doc metric and its standard error
 * ({@code mean_stderr}: sample standard deviation with n − 1, over √n; NaN for one doc).
 * Multiple-choice tasks get acc and acc_norm; loglikelihood tasks (LAMBADA) get acc = greedy and
 * perplexity = exp(−mean ll), as lm-eval's {@code loglikelihood} output type.
 */
public record TaskMetrics(String task, int n, Map<String, Double> values, Map<String, Double> stderrs) {

    public static TaskMetrics of(String task, List<ScoredDoc> docs, boolean loglikelihood) {
        Map<String, Double> values = new LinkedHashMap<>(), stderrs = new LinkedHashMap<>();
        double[] acc = new double[docs.size()];
        double[] second = new double[docs.size()];
        for (int i = 0; i < docs.size(); i++) {
            ScoredDoc d = docs.get(i);
            if (loglikelihood) {
                acc[i] = d.choices().get(0).greedy() ? 1 : 0;
                second[i] = d.choices().get(0).logprob();
            } else {
                Accuracy a = d.accuracy();
                acc[i] = a.acc() ? 1 : 0;
                second[i] = a.accNorm() ? 1 : 0;
            }
        }
        values.put("acc", mean(acc));
        stderrs.put("acc", stderr(acc));
        if (loglikelihood) {
            values.put("perplexity", Math.exp(-mean(second)));
        } else {
            values.put("acc_norm", mean(second));
            stderrs.put("acc_norm", stderr(second));
        }
        return new TaskMetrics(task, docs.size(), values, stderrs);
    }

    /** Per-doc metrics of one doc as lm-eval logs them in its samples. */
    public static Map<String, Double> perDoc(ScoredDoc d, boolean loglikelihood) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (loglikelihood) {
            m.put("perplexity", d.choices().get(0).logprob());
            m.put("acc", d.choices().get(0).greedy() ? 1.0 : 0.0);
        } else {
            Accuracy a = d.accuracy();
            m.put("acc", a.acc() ? 1.0 : 0.0);
            m.put("acc_norm", a.accNorm() ? 1.0 : 0.0);
        }
        return m;
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
