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
        // a short patience makes the runs stop at different epochs; the batch still equals the fits alone, bit for bit
        SlothTrainer.Options opt = new SlothTrainer.Options(new double[] {0.1, 0.01, 0.001}, 1500, 0.95, 20, 40, 1e-5, 42, 10);
        for (SlothTrainer.Spec spec : List.of(new SlothTrainer.Spec(2, false, false, SlothTrainer.Link.SIGMOID),
                new SlothTrainer.Spec(2, false, true, SlothTrainer.Link.MONOTONE), new SlothTrainer.Spec(4, true, true, SlothTrainer.Link.SIGMOID))) {
            var batched = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), both, floors(), spec, null, opt);
            for (int g = 0; g < 2; g++) {
                var alone = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), new boolean[][] {both[g]}, floors(), spec, null, opt).get(0);
                double[][] a = batched.get(g).params().predict(ds.x(), ds.d()), b = alone.params().predict(ds.x(), ds.d());
                for (int i = 0; i < a.length; i++) assertArrayEquals(b[i], a[i], 0, spec + " group " + g);
                assertEquals(alone.trainMae(), batched.get(g).trainMae(), 0);
                assertEquals(alone.epochs(), batched.get(g).epochs());
            }
            // the two groups train on different rows, so their fits differ
            assertTrue(batched.get(0).trainMae() != batched.get(1).trainMae(), spec.toString());
        }
    }

    @Test void perBenchmarkLawsEqualOneFitPerBenchmark() {
        Design ds = Design.of(synthetic(), BENCHS, 2);
        double[][] lf = ds.flopsFeatures(false);
        boolean[][] all = new boolean[1][ds.size()];
        Arrays.fill(all[0], true);
        SlothTrainer.Options opt = SlothTrainer.Options.paper().withMaxEpochs(300);
        double[] fl = floors();
        for (SlothTrainer.Link link : SlothTrainer.Link.values()) {
            var law = SlothTrainer.fit(lf, ds.d(), ds.y(), all, fl, new SlothTrainer.Spec(4, true, true, SlothTrainer.Link.SIGMOID), null, opt).get(0);
            var joint = link == SlothTrainer.Link.SIGMOID ? law
                    : SlothTrainer.fit(lf, ds.d(), ds.y(), all, fl, new SlothTrainer.Spec(4, true, true, link), List.of(law.params()), opt).get(0);
            double[][] jointPred = joint.params().predict(lf, ds.d());
            for (int j = 0; j < 4; j++) {
                double[][] y1 = new double[ds.size()][1];
                for (int i = 0; i < ds.size(); i++) y1[i][0] = ds.y()[i][j];
                var single = SlothTrainer.fit(lf, ds.d(), y1, all, new double[] {fl[j]}, new SlothTrainer.Spec(1, false, true, SlothTrainer.Link.SIGMOID), null, opt).get(0);
                if (link == SlothTrainer.Link.MONOTONE)
                    single = SlothTrainer.fit(lf, ds.d(), y1, all, new double[] {fl[j]}, new SlothTrainer.Spec(1, false, true, link), List.of(single.params()), opt).get(0);
                double[][] p = single.params().predict(lf, ds.d());
                for (int i = 0; i < ds.size(); i++) assertEquals(p[i][0], jointPred[i][j], 0, link + " benchmark " + j + " row " + i);
            }
        }
    }

    @Test void analyticGradientMatchesFiniteDifferences() {
        Design ds = Design.of(synthetic(), BENCHS, 2);
        int n = ds.size();
        for (boolean link : new boolean[] {false, true}) {
            Layout l = new Layout(3, ds.families().size(), 2, 4, 5, true, true, link);
            java.util.Random rnd = new java.util.Random(3);
            double[] w = new double[l.size()];
            for (int e = 0; e < w.length; e++) w[e] = 0.3 * rnd.nextGaussian();
            // small slopes keep the scores off the SmoothL1 kink (|ŷ − y| = β), where the gradient jumps
            double[] x = Design.flat(ds.x());
            SlothKernel kernel = new SlothKernel(l, x, Design.familyIndex(ds.d()), Design.flat(ds.y()));
            double[] grad = new double[l.size()];
            kernel.evaluate(w, null, grad);
            int checked = 0;
            for (int e = 0; e < w.length; e++) {
                double h = 1e-6, keep = w[e];
                w[e] = keep + h;
                double up = kernel.evaluate(w, null, null).loss();
                w[e] = keep - h;
                double down = kernel.evaluate(w, null, null).loss();
                w[e] = keep;
                assertEquals((up - down) / (2 * h), grad[e], 1e-6 + 1e-4 * Math.abs(grad[e]), "link " + link + " element " + e);
                checked++;
            }
            assertEquals(l.size(), checked);
            assertTrue(n > 10);
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
        List<Method> methods = Method.parse(List.of("factor_sigmoid_faminter_d=2", "logF_sigmoid", "logF_sigmoid_faminter", "pca_d=2"));
        Backtest.Result r = Backtest.run(synthetic(), new Backtest.Config(BENCHS, 3, methods, floors(), opt, Backtest.Holdout.BASE, false, 2));
        List<String> predicted = r.predictions().stream().filter(p -> p.method().equals("factor_sigmoid_faminter_d=2"))
                .map(Backtest.Prediction::model).distinct().toList();
        // min_models 3: the two smallest of each family are trained on, the rest predicted; eps (2 models) is out
        assertEquals(List.of("alpha-1.4b", "alpha-6.9b", "alpha-12.0b", "beta-7.0b", "beta-72.0b", "delta-27.0b",
                "gamma-7.0b", "gamma-13.0b", "gamma-chat-13.0b"), predicted);
        for (Method m : methods) assertEquals(9 * 4, r.predictions().stream().filter(p -> p.method().equals(m.name())).count(), m.name());
        // summary: per held-out group means, then their mean (gamma and gamma-chat are one group here), and the pooled mean
        List<Backtest.Prediction> pca = r.predictions().stream().filter(p -> p.method().equals("pca_d=2")).toList();
        double expected = pca.stream().collect(java.util.stream.Collectors.groupingBy(Backtest.Prediction::group,
                        java.util.stream.Collectors.averagingDouble(Backtest.Prediction::absError)))
                .values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Backtest.Summary s = r.summary().stream().filter(x -> x.method().equals("pca_d=2") && x.benchmark().equals("all")).findFirst().orElseThrow();
        assertEquals(expected, s.maeFamilyAvg(), 1e-12);
        assertEquals(pca.stream().mapToDouble(Backtest.Prediction::absError).average().orElseThrow(), s.maePooled(), 1e-12);
        assertEquals(4, s.groups());
    }

    @Test void methodNamesAreThePapers() {
        assertEquals(28, Method.parse(List.of("all")).size());
        Method m = Method.of("factor_trainlink_faminter_d=3");
        assertEquals(new Method("factor_trainlink_faminter_d=3", Method.Features.FACTOR, true, true, 3), m);
        assertEquals("factor_sigmoid_faminter_d=3", m.sigmoidStage().name());
        assertTrue(Method.of("logF_sigmoid").fitsFloor() && !Method.of("logSlogT_sigmoid").fitsFloor());
        assertTrue(Method.of("logSlogT_trainlink").perBenchmark() && !Method.of("pca_d=1").perBenchmark());
        for (String bad : List.of("factor_sigmoid", "logF_relu", "pca_d=0", "factor_sigmoid_d=x", "logF_sigmoid_fam"))
            org.junit.jupiter.api.Assertions.assertThrows(org.elusive.core.BadInputException.class, () -> Method.of(bad), bad);
    }

    private static Map<String, Double> truth() {
        Map<String, Double> m = new HashMap<>();
        for (Map<String, String> r : ScalingTable.readRaw(resource("synthetic_truth.csv")))
            m.put(r.get("model") + "/" + r.get("benchmark"), Double.parseDouble(r.get("truth")));
        return m;
    }
}
