package org.elusive.sloth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sloth on committed synthetic fixtures (scripts/reference/sloth_fixtures.py). */
class SlothFixtureTest {
    static final List<String> BENCHS = List.of("B1", "B2", "B3", "B4");

    static Path resource(String name) {
        try {
            return Path.of(SlothFixtureTest.class.getResource("/sloth/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ScalingTable synthetic() { return ScalingTable.read(resource("synthetic.csv")); }

    static double[] floors() { return ScalingTable.floors(resource("lower_bounds.csv"), BENCHS); }

    @Test void designFollowsThePapersPrepData() {
        Design ds = Design.of(synthetic(), BENCHS, 3);
        // eps has 2 models: dropped at min_models 3; families sorted, rows by family then size
        assertEquals(List.of("alpha", "beta", "delta", "gamma", "gamma-chat"), ds.families());
        assertEquals(19, ds.size());
        assertEquals("alpha-0.1b", ds.rows().get(0).model());
        assertEquals("beta-0.5b", ds.rows().get(5).model());
        ScalingTable.Row r = ds.rows().get(0);
        assertArrayEquals(new double[] {Math.log(r.tokens()), Math.log(0.1), Math.log(0.1) * Math.log(r.tokens())}, ds.x()[0], 1e-12);
        assertEquals(Math.log(r.flops()), ds.logF()[0], 1e-12);
        assertEquals(1.0, ds.d()[0][0]);
        assertArrayEquals(new double[] {0.25, 0.0, 0.1, 0.5}, floors(), 0);
        assertEquals(List.of(List.of("alpha"), List.of("beta"), List.of("delta"), List.of("gamma", "gamma-chat")),
                Backtest.heldOutGroups(ds, Backtest.Holdout.BASE));
        assertEquals(5, Backtest.heldOutGroups(ds, Backtest.Holdout.FAMILY).size());
    }

    @Test void fitRecoversTheGeneratingModel() {
        ScalingTable t = synthetic();
        SlothFit fit = SlothFit.fit(t, BENCHS, 2, SlothTrainer.Link.SIGMOID, floors(),
                SlothTrainer.Options.paper().withMaxEpochs(4000));
        Map<String, Double> truth = truth();
        double[][] yhat = fit.fitted();
        double sum = 0, max = 0;
        for (int i = 0; i < fit.design().size(); i++)
            for (int j = 0; j < BENCHS.size(); j++) {
                double e = Math.abs(yhat[i][j] - truth.get(fit.design().rows().get(i).model() + "/" + BENCHS.get(j)));
                sum += e;
                max = Math.max(max, e);
            }
        double mae = sum / (fit.design().size() * BENCHS.size());
        // the noise is N(0, 0.003): the fit sits within the noise of the noiseless truth
        assertTrue(mae < 0.004, "MAE vs truth " + mae);
        assertTrue(max < 0.02, "max error vs truth " + max);
        assertTrue(fit.trainMae() < 0.004, "train MAE " + fit.trainMae());
        // floors stay fixed in the sigmoid stage, as in the paper's factor models
        assertArrayEquals(floors(), fit.params().floor(), 1e-4);
    }

    @Test void batchedGroupsEqualSeparateFits() {
        Design ds = Design.of(synthetic(), BENCHS, 2);
        boolean[][] both = new boolean[2][ds.size()];
        Arrays.fill(both[0], true);
        for (int i = 0; i < ds.size(); i++) both[1][i] = !ds.rows().get(i).family().equals("beta") || i == 5;
        // float64, so that only the summation order differs between the batched and the separate runs:
        // over a short run they agree to 1e-8
        SlothTrainer.Options shortRun = SlothTrainer.Options.paper().withMaxEpochs(100).withFloat64(true);
        // a short early-stopping patience makes runs stop at different epochs, so the batch shrinks on the
        // way; over 1500 Adam steps the last-bit differences of BLAS grow, hence the looser tolerance
        SlothTrainer.Options shrinking = new SlothTrainer.Options(new double[] {0.1, 0.01, 0.001}, 1500, 0.95, 20, 40, 1e-5, 42, 10, true);
        for (SlothTrainer.Spec spec : List.of(new SlothTrainer.Spec(2, false, false, SlothTrainer.Link.SIGMOID),
                new SlothTrainer.Spec(4, true, true, SlothTrainer.Link.SIGMOID))) {
            for (SlothTrainer.Options opt : List.of(shortRun, shrinking)) {
                double tol = opt == shortRun ? 1e-8 : 5e-3;
                int[] batches = {0};
                var batched = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), both, floors(), spec, null, opt, p -> batches[0] = p.batch());
                // joint fits: the learning-rate-0.1 and 0.01 runs stop long before the 0.001 ones
                if (opt == shrinking && !spec.perBenchmark()) assertTrue(batches[0] > 1, "the batch never shrank");
                for (int g = 0; g < 2; g++) {
                    var alone = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), new boolean[][] {both[g]}, floors(), spec, null, opt).get(0);
                    double[][] a = batched.get(g).params().predict(ds.x(), ds.d()), b = alone.params().predict(ds.x(), ds.d());
                    for (int i = 0; i < a.length; i++) assertArrayEquals(b[i], a[i], tol, spec + " group " + g);
                    assertEquals(alone.trainMae(), batched.get(g).trainMae(), tol / 10);
                }
            }
        }
    }

    @Test void perBenchmarkLawsEqualOneFitPerBenchmark() {
        Design ds = Design.of(synthetic(), BENCHS, 2);
        double[][] lf = ds.flopsFeatures(false);
        boolean[][] all = new boolean[1][ds.size()];
        Arrays.fill(all[0], true);
        SlothTrainer.Options opt = SlothTrainer.Options.paper().withMaxEpochs(100).withFloat64(true);
        double[] fl = floors();
        // one warm start shared by both ways, so the two runs start from identical parameters
        double[][] wX = {{0.5, 0.4, 0.3, 0.2}}, wD = new double[ds.families().size()][4];
        for (int f = 0; f < wD.length; f++) for (int j = 0; j < 4; j++) wD[f][j] = 0.1 * (f - j);
        double[][] eye = new double[4][4];
        for (int j = 0; j < 4; j++) eye[j][j] = 1;
        SlothParams warm = new SlothParams(wX, wD, eye, new double[] {-1, -2, -1, 0}, fl, null);
        var joint = SlothTrainer.fit(lf, ds.d(), ds.y(), all, fl, new SlothTrainer.Spec(4, true, true, SlothTrainer.Link.SIGMOID),
                List.of(warm), opt).get(0).params().predict(lf, ds.d());
        for (int j = 0; j < 4; j++) {
            double[][] y1 = new double[ds.size()][1], wD1 = new double[wD.length][1];
            for (int i = 0; i < ds.size(); i++) y1[i][0] = ds.y()[i][j];
            for (int f = 0; f < wD.length; f++) wD1[f][0] = wD[f][j];
            SlothParams w1 = new SlothParams(new double[][] {{wX[0][j]}}, wD1, new double[][] {{1}}, new double[] {warm.bias()[j]},
                    new double[] {fl[j]}, null);
            double[][] single = SlothTrainer.fit(lf, ds.d(), y1, all, new double[] {fl[j]},
                    new SlothTrainer.Spec(1, false, true, SlothTrainer.Link.SIGMOID), List.of(w1), opt).get(0).params().predict(lf, ds.d());
            for (int i = 0; i < ds.size(); i++)  assertEquals(single[i][0], joint[i][j], 1e-8, "benchmark " + j + " row " + i);
        }
    }

    @Test void fitsDoNotDependOnTheGarbageCollector() throws Exception {
        // DJL's Number operands once left autograd reading freed memory: a fit in CI differed from the same fit here
        Design ds = Design.of(synthetic(), BENCHS, 2);
        boolean[][] all = new boolean[1][ds.size()];
        Arrays.fill(all[0], true);
        SlothTrainer.Options opt = SlothTrainer.Options.paper().withMaxEpochs(100).withLrs(0.1);
        for (SlothTrainer.Link link : SlothTrainer.Link.values()) {
            SlothTrainer.Spec spec = new SlothTrainer.Spec(2, false, true, link);
            double[][] quiet = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), all, floors(), spec, null, opt).get(0).params().predict(ds.x(), ds.d());
            double[][] churned;
            try (org.elusive.GcChurn churn = new org.elusive.GcChurn()) {
                churned = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), all, floors(), spec, null, opt).get(0).params().predict(ds.x(), ds.d());
            }
            for (int i = 0; i < quiet.length; i++) assertArrayEquals(quiet[i], churned[i], 0, link + " row " + i);
        }
    }

    @Test void monotoneLinkIsIncreasingAndImprovesTheFit() {
        ScalingTable t = synthetic();
        SlothTrainer.Options opt = SlothTrainer.Options.paper().withMaxEpochs(1500);
        SlothFit sig = SlothFit.fit(t, BENCHS, 1, SlothTrainer.Link.SIGMOID, floors(), opt);
        SlothFit mono = SlothFit.fit(t, BENCHS, 1, SlothTrainer.Link.MONOTONE, floors(), opt);
        assertTrue(mono.params().link() != null);
        assertTrue(mono.trainMae() <= sig.trainMae() + 1e-4, mono.trainMae() + " vs " + sig.trainMae());
        for (int j = 0; j < BENCHS.size(); j++) {
            double prev = -1;
            for (double z = -8; z <= 8; z += 0.25) {
                double g = mono.params().link().apply(j, z);
                assertTrue(g >= prev - 1e-12, "link " + j + " decreases at " + z);
                prev = g;
            }
        }
    }

    @Test void pcaBaselineMatchesSklearn() {
        ScalingTable t = synthetic();
        Design ds = Design.of(t, BENCHS, 1);
        List<String> test = List.of("alpha-12.0b", "gamma-chat-13.0b");
        int[] testIdx = java.util.stream.IntStream.range(0, ds.size()).filter(i -> test.contains(ds.rows().get(i).model())).toArray();
        int[] trainIdx = java.util.stream.IntStream.range(0, ds.size()).filter(i -> !test.contains(ds.rows().get(i).model())).toArray();
        Map<String, Double> ref = new HashMap<>();
        for (Map<String, String> r : ScalingTable.readRaw(resource("pca_reference.csv")))
            ref.put(r.get("variant") + "/" + r.get("d") + "/" + r.get("model") + "/" + r.get("benchmark"), Double.parseDouble(r.get("predicted")));
        int checked = 0;
        for (String variant : List.of("logF", "logFxD")) {
            double[][] feats = PcaBaseline.hstack(ds.flopsFeatures(variant.equals("logFxD")), ds.d());
            for (int d = 1; d <= 3; d++) {
                double[][] p = PcaBaseline.predict(Design.select(ds.y(), trainIdx), Design.select(feats, trainIdx), Design.select(feats, testIdx), d);
                for (int t2 = 0; t2 < testIdx.length; t2++)
                    for (int j = 0; j < 4; j++) {
                        String key = variant + "/" + d + "/" + ds.rows().get(testIdx[t2]).model() + "/" + BENCHS.get(j);
                        assertEquals(ref.get(key), p[t2][j], 1e-9, key);
                        checked++;
                    }
            }
        }
        assertEquals(48, checked);
    }

    @Test void backtestKeepsTheSmallestModelsInTraining() {
        SlothTrainer.Options opt = SlothTrainer.Options.paper().withMaxEpochs(200).withLrs(0.1);
        Backtest.Result r = Backtest.run(synthetic(), new Backtest.Config(BENCHS, 3, 2, SlothTrainer.Link.SIGMOID, floors(), opt, Backtest.Holdout.BASE));
        List<String> predicted = r.predictions().stream().filter(p -> p.method().equals(Backtest.SLOTH_SIGMOID))
                .map(Backtest.Prediction::model).distinct().toList();
        // min_models 3: the two smallest of each family are trained on, the rest predicted; eps (2 models) is out
        assertEquals(List.of("alpha-1.4b", "alpha-6.9b", "alpha-12.0b", "beta-7.0b", "beta-72.0b", "delta-27.0b",
                "gamma-7.0b", "gamma-13.0b", "gamma-chat-13.0b"), predicted);
        assertFalse(r.predictions().isEmpty());
        for (String m : List.of(Backtest.SLOTH_SIGMOID, Backtest.LOGFLOPS, Backtest.LOGFLOPS_FAMILY, Backtest.PCA))
            assertEquals(9 * 4, r.predictions().stream().filter(p -> p.method().equals(m)).count(), m);
        // summary: per-family means, then their mean
        List<Backtest.Prediction> pca = r.predictions().stream().filter(p -> p.method().equals(Backtest.PCA)).toList();
        double expected = pca.stream().collect(java.util.stream.Collectors.groupingBy(Backtest.Prediction::family,
                        java.util.stream.Collectors.averagingDouble(Backtest.Prediction::absError)))
                .values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Backtest.Summary s = r.summary().stream().filter(x -> x.method().equals(Backtest.PCA) && x.benchmark().equals("all")).findFirst().orElseThrow();
        assertEquals(expected, s.mae(), 1e-12);
        assertEquals(5, s.families());
    }

    private static Map<String, Double> truth() {
        Map<String, Double> m = new HashMap<>();
        for (Map<String, String> r : ScalingTable.readRaw(resource("synthetic_truth.csv")))
            m.put(r.get("model") + "/" + r.get("benchmark"), Double.parseDouble(r.get("truth")));
        return m;
    }
}
