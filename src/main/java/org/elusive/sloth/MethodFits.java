package org.elusive.sloth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The fits behind each {@link Method}, on the inputs experiment.py gives them: ln FLOPs (× family
 * one-hot at min_models 3) for logF and PCA, [ln T, ln S, ln S·ln T] for logSlogT and the factor
 * models; a single intercept column, or the family one-hot with {@code faminter} (and for PCA, whose
 * regression has no intercept, always). Predictions are per held-out group, test rows × benchmarks.
 */
final class MethodFits {
    private MethodFits() {}

    /** PCA(d) of the training scores regressed on [ln FLOPs, family one-hot]. */
    static List<double[][]> pca(Design ds, Backtest.Split split, Method m, int minModels) {
        double[][] features = PcaBaseline.hstack(ds.flopsFeatures(minModels >= 3), ds.d());
        List<double[][]> out = new ArrayList<>();
        for (int g = 0; g < split.tests().size(); g++) {
            int[] train = rowsOf(split.train()[g]);
            out.add(PcaBaseline.predict(Design.select(ds.y(), train), Design.select(features, train),
                    Design.select(features, split.tests().get(g)), m.skills()));
        }
        return out;
    }

    /**
     * A sigmoid stage and the methods asked of it (itself, its trainable-link stage warm-started from
     * it, or both); {@code done} receives each asked method's predictions as soon as they exist.
     */
    static void chain(Design ds, Backtest.Split split, List<Method> wanted, Backtest.Config cfg, BiConsumer<String, List<double[][]>> done) {
        Method sig = wanted.get(0).sigmoidStage();
        double[][] x = sig.features() == Method.Features.LOGF ? ds.flopsFeatures(cfg.minModels() >= 3) : ds.x();
        double[][] d = sig.familyIntercepts() ? ds.d() : ds.interceptOnly();
        int k = sig.perBenchmark() ? ds.benchmarks().size() : sig.skills();
        var sigFits = SlothTrainer.fit(x, d, ds.y(), split.train(), cfg.floors(),
                new SlothTrainer.Spec(k, sig.perBenchmark(), sig.fitsFloor(), SlothTrainer.Link.SIGMOID), null, cfg.options());
        if (wanted.stream().anyMatch(m -> !m.trainLink())) done.accept(sig.name(), predict(sigFits, x, d, split));
        Method link = wanted.stream().filter(Method::trainLink).findFirst().orElse(null);
        if (link == null) return;
        var linkFits = SlothTrainer.fit(x, d, ds.y(), split.train(), cfg.floors(),
                new SlothTrainer.Spec(k, sig.perBenchmark(), true, SlothTrainer.Link.MONOTONE),
                sigFits.stream().map(SlothTrainer.Fit::params).toList(), cfg.options());
        done.accept(link.name(), predict(linkFits, x, d, split));
    }

    private static List<double[][]> predict(List<SlothTrainer.Fit> fits, double[][] x, double[][] d, Backtest.Split split) {
        List<double[][]> out = new ArrayList<>();
        for (int g = 0; g < fits.size(); g++) {
            int[] test = split.tests().get(g);
            out.add(fits.get(g).params().predict(Design.select(x, test), Design.select(d, test)));
        }
        return out;
    }

    private static int[] rowsOf(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) if (b) n++;
        int[] out = new int[n];
        for (int i = 0, t = 0; i < mask.length; i++) if (mask[i]) out[t++] = i;
        return out;
    }
}
