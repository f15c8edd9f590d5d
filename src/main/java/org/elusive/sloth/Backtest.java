package org.elusive.sloth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper's prediction experiment (felipemaiapolo/sloth {@code experiment.py}): for each held-out
 * group of families, the (minModels − 1) smallest models of every family in the group stay in
 * training, the rest of the group is predicted from a fit on everything else. A group is one family
 * (Family2), as in the paper, or ({@link Holdout#BASE}) every family of a base family (Family), so a
 * family is never predicted with its own fine-tunes in training. Methods: Sloth (sigmoid, then the trainable monotone link warm-started
 * from it), a log-FLOPs law per benchmark (one intercept), the same with family intercepts, and
 * PCA(k) regressed on log FLOPs and family. With minModels = 3 the log-FLOPs laws and PCA get
 * family-specific slopes (ln FLOPs × one-hot), as the paper's code does.
 */
public final class Backtest {
    public static final String SLOTH_SIGMOID = "sloth_sigmoid", SLOTH_MONOTONE = "sloth_monotone",
            LOGFLOPS = "logflops", LOGFLOPS_FAMILY = "logflops_family", PCA = "pca";

    /** What is held out together: one family (Family2) at a time, or every family of a base family. */
    public enum Holdout { FAMILY, BASE }

    public record Config(List<String> benchmarks, int minModels, int skills, SlothTrainer.Link link, double[] floors,
                         SlothTrainer.Options options, Holdout holdout) {}

    public record Prediction(String method, String family, String model, String benchmark, double predicted, double actual) {
        public double absError() { return Math.abs(predicted - actual); }
    }

    /** MAE averaged per family, then over families; benchmark "all" pools the benchmarks. */
    public record Summary(String method, String benchmark, double mae, int families, int predictions) {}

    public record Result(Design design, List<List<String>> groups, List<Prediction> predictions, List<Summary> summary) {}

    private Backtest() {}

    /** {@link #run(ScalingTable, Config, SlothTrainer.Listener)}, silently. */
    public static Result run(ScalingTable table, Config cfg) { return run(table, cfg, SlothTrainer.Listener.SILENT); }

    /** Runs every method on every held-out group; {@code listener} follows the Sloth fits. */
    public static Result run(ScalingTable table, Config cfg, SlothTrainer.Listener listener) {
        Design ds = Design.of(table, cfg.benchmarks(), cfg.minModels());
        List<List<String>> groups = heldOutGroups(ds, cfg.holdout());
        Split split = Split.of(ds, groups, cfg.minModels() - 1);
        List<Prediction> preds = new ArrayList<>();
        predictSloth(preds, ds, split, cfg, listener);
        predictBaselines(preds, ds, split, cfg, listener);
        return new Result(ds, groups, preds, summarize(preds, cfg.benchmarks()));
    }

    /** Per held-out group, the rows it trains on and the rows it predicts. */
    private record Split(boolean[][] train, List<int[]> tests) {
        static Split of(Design ds, List<List<String>> groups, int keep) {
            int n = ds.size();
            boolean[][] train = new boolean[groups.size()][n];
            List<int[]> tests = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                List<Integer> test = new ArrayList<>();
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String fam = ds.rows().get(i).family();
                    boolean heldOut = groups.get(g).contains(fam);
                    int rank = seen.merge(fam, 1, Integer::sum);
                    // rows are sorted by size within a family, so the first `keep` are the smallest
                    train[g][i] = !heldOut || rank <= keep;
                    if (!train[g][i]) test.add(i);
                }
                tests.add(test.stream().mapToInt(Integer::intValue).toArray());
            }
            return new Split(train, tests);
        }
    }

    /** Sloth with the sigmoid link, then (if asked) the monotone link warm-started from it. */
    private static void predictSloth(List<Prediction> preds, Design ds, Split split, Config cfg, SlothTrainer.Listener listener) {
        List<int[]> tests = split.tests();
        var sig = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), split.train(), cfg.floors(),
                new SlothTrainer.Spec(cfg.skills(), false, false, SlothTrainer.Link.SIGMOID), null, cfg.options(), listener);
        collect(preds, SLOTH_SIGMOID, ds, tests, g -> sig.get(g).params().predict(Design.select(ds.x(), tests.get(g)), Design.select(ds.d(), tests.get(g))));
        if (cfg.link() != SlothTrainer.Link.MONOTONE) return;
        var mono = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), split.train(), cfg.floors(),
                new SlothTrainer.Spec(cfg.skills(), false, true, SlothTrainer.Link.MONOTONE),
                sig.stream().map(SlothTrainer.Fit::params).toList(), cfg.options(), listener);
        collect(preds, SLOTH_MONOTONE, ds, tests, g -> mono.get(g).params().predict(Design.select(ds.x(), tests.get(g)), Design.select(ds.d(), tests.get(g))));
    }

    /** The log-FLOPs laws (one intercept, family intercepts) and PCA. */
    private static void predictBaselines(List<Prediction> preds, Design ds, Split split, Config cfg, SlothTrainer.Listener listener) {
        List<int[]> tests = split.tests();
        boolean[][] train = split.train();
        double[][] lf = ds.flopsFeatures(cfg.minModels() >= 3);
        double[][] ones = ds.interceptOnly();
        SlothTrainer.Spec perBench = new SlothTrainer.Spec(cfg.benchmarks().size(), true, true, SlothTrainer.Link.SIGMOID);
        var single = SlothTrainer.fit(lf, ones, ds.y(), train, cfg.floors(), perBench, null, cfg.options(), listener);
        collect(preds, LOGFLOPS, ds, tests, g -> single.get(g).params().predict(Design.select(lf, tests.get(g)), Design.select(ones, tests.get(g))));
        var famInter = SlothTrainer.fit(lf, ds.d(), ds.y(), train, cfg.floors(), perBench, null, cfg.options(), listener);
        collect(preds, LOGFLOPS_FAMILY, ds, tests, g -> famInter.get(g).params().predict(Design.select(lf, tests.get(g)), Design.select(ds.d(), tests.get(g))));
        double[][] pcaFeatures = PcaBaseline.hstack(lf, ds.d());
        collect(preds, PCA, ds, tests, g -> PcaBaseline.predict(Design.select(ds.y(), rowsOf(train[g], true)),
                Design.select(pcaFeatures, rowsOf(train[g], true)), Design.select(pcaFeatures, tests.get(g)), cfg.skills()));
    }

    /** Held-out groups in sorted order: single families, or the families (Family2) of each base family. */
    public static List<List<String>> heldOutGroups(Design ds, Holdout holdout) {
        Map<String, List<String>> byBase = new TreeMap<>();
        for (ScalingTable.Row r : ds.rows()) {
            String key = holdout == Holdout.BASE ? r.baseFamily() : r.family();
            List<String> g = byBase.computeIfAbsent(key, k -> new ArrayList<>());
            if (!g.contains(r.family())) g.add(r.family());
        }
        byBase.values().forEach(Collections::sort);
        return new ArrayList<>(byBase.values());
    }

    private interface GroupPredictor { double[][] predict(int group); }

    private static void collect(List<Prediction> out, String method, Design ds, List<int[]> tests, GroupPredictor p) {
        for (int g = 0; g < tests.size(); g++) {
            int[] idx = tests.get(g);
            if (idx.length == 0) continue;
            double[][] yhat = p.predict(g);
            for (int t = 0; t < idx.length; t++) {
                ScalingTable.Row r = ds.rows().get(idx[t]);
                for (int j = 0; j < ds.benchmarks().size(); j++)
                    out.add(new Prediction(method, r.family(), r.model(), ds.benchmarks().get(j), yhat[t][j], ds.y()[idx[t]][j]));
            }
        }
    }

    private static int[] rowsOf(boolean[] mask, boolean value) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) if (mask[i] == value) idx.add(i);
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    public static List<Summary> summarize(List<Prediction> preds, List<String> benchmarks) {
        List<String> methods = preds.stream().map(Prediction::method).distinct().toList();
        List<String> scopes = new ArrayList<>();
        scopes.add("all");
        scopes.addAll(benchmarks);
        List<Summary> out = new ArrayList<>();
        for (String m : methods)
            for (String scope : scopes) {
                Map<String, double[]> perFamily = new TreeMap<>(); // sum, count
                int count = 0;
                for (Prediction p : preds) {
                    if (!p.method().equals(m) || !(scope.equals("all") || scope.equals(p.benchmark()))) continue;
                    double[] acc = perFamily.computeIfAbsent(p.family(), k -> new double[2]);
                    acc[0] += p.absError();
                    acc[1]++;
                    count++;
                }
                double mae = perFamily.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElse(Double.NaN);
                out.add(new Summary(m, scope, mae, perFamily.size(), count));
            }
        return out;
    }
}
