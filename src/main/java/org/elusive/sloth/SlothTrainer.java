package org.elusive.sloth;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fits Sloth models with DJL autograd on the PyTorch engine, following felipemaiapolo/sloth
 * ({@code fitFR}): SmoothL1 (β = 0.01) on the scores, full-batch Adam, ReduceLROnPlateau on the
 * loss, early stopping on the training MAE, one run per learning rate keeping the best training MAE.
 *
 * <p>Why it looks vectorised: many independent fits (every held-out group × every learning rate,
 * and for per-benchmark laws every benchmark) run as one batched problem. Each fit ("unit") has its
 * own parameters, row mask, Adam state, learning-rate schedule, early stopping and best snapshot,
 * so the result equals running them one after another, at the per-step cost of a single fit.
 */
public final class SlothTrainer {
    private static final float BETA = 0.01f;

    public enum Link { SIGMOID, MONOTONE }

    /** Optimiser settings; {@link #paper()} are the defaults of {@code Sloth.fit}. */
    public record Options(double[] lrs, int maxEpochs, double schedulerFactor, int schedulerPatience,
                          int earlyStopPatience, double earlyStopTol, long seed, int hidden, boolean float64) {
        /** The paper's settings, in float32 as its torch code. */
        public static Options paper() {
            return new Options(new double[] {0.1, 0.01, 0.001}, 100_000, 0.95, 20, 500, 1e-5, 42, 10, false);
        }

        public Options withMaxEpochs(int epochs) {
            return new Options(lrs, epochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden, float64);
        }

        public Options withLrs(double... l) {
            return new Options(l, maxEpochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden, float64);
        }

        public Options withFloat64(boolean on) {
            return new Options(lrs, maxEpochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden, on);
        }
    }

    /**
     * What to fit. {@code perBenchmark}: one independent law per benchmark (skills = J, Λ = I fixed),
     * as the paper's log-FLOPs baselines; otherwise a joint factor model with {@code skills} skills.
     */
    public record Spec(int skills, boolean perBenchmark, boolean fitFloor, Link link) {}

    /** The best fit of one group: parameters, training MAE, epochs run by the chosen run. */
    public record Fit(SlothParams params, double trainMae, int epochs) {}

    static {
        // tiny tensors: extra intra-op threads only spin, and on a shared machine they stall every op
        for (String key : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"})
            if (System.getProperty(key) == null && System.getenv(key) == null) System.setProperty(key, "1");
    }

    /** Where progress lines go (null: silent); the CLI points it at stderr. */
    public static volatile java.io.PrintStream progress;

    private SlothTrainer() {}

    /**
     * Fits one model per group. x n×p, d n×f, y n×J (no NaN), train G×n (rows each group trains on),
     * floor0 the initial floors c_j; warm (per group, or null) warm-starts every parameter but the link.
     */
    public static List<Fit> fit(double[][] x, double[][] d, double[][] y, boolean[][] train, double[] floor0,
                                Spec spec, List<SlothParams> warm, Options opt) {
        int n = y.length, p = x[0].length, f = d[0].length, nb = y[0].length, groups = train.length;
        int k = spec.perBenchmark() ? nb : spec.skills();
        int lrs = opt.lrs().length, r = groups * lrs, units = spec.perBenchmark() ? nb : 1;
        boolean trainLoadings = !spec.perBenchmark() && nb > 1;
        boolean monotone = spec.link() == Link.MONOTONE;
        int h = opt.hidden();

        Init init = new Init(p, f, k, nb, h, spec, floor0, opt.seed());
        List<Seg> segs = new ArrayList<>();
        Seg wX = seg(segs, "wX", true, false, -1, stack(r, groups, lrs, g -> warm == null ? init.wX : warm.get(g).wX()), r, p, k);
        Seg wD = seg(segs, "wD", true, false, -1, stack(r, groups, lrs, g -> warm == null ? init.wD : warm.get(g).wD()), r, f, k);
        Seg lam = seg(segs, "loadings", trainLoadings, false, -1, stack(r, groups, lrs, g -> warm == null ? init.loadings : warm.get(g).loadings()), r, k, nb);
        Seg b = seg(segs, "bias", true, false, -1, stack(r, groups, lrs, g -> new double[][] {warm == null ? init.bias : warm.get(g).bias()}), r, 1, nb);
        Seg lc = seg(segs, "logitFloor", spec.fitFloor(), false, -1,
                stack(r, groups, lrs, g -> new double[][] {logit(warm == null ? floor0 : warm.get(g).floor())}), r, 1, nb);
        Seg w1 = null, b1 = null, w2 = null, b2 = null, w3 = null, b3 = null;
        if (monotone) {
            w1 = seg(segs, "w1", true, true, 1, repeat(init.w1, r), r, nb, 1, h);
            b1 = seg(segs, "b1", true, false, 1, repeat(init.b1, r), r, nb, 1, h);
            w2 = seg(segs, "w2", true, true, 1, repeat(init.w2, r), r, nb, h, h);
            b2 = seg(segs, "b2", true, false, 1, repeat(init.b2, r), r, nb, 1, h);
            w3 = seg(segs, "w3", true, true, 1, repeat(init.w3, r), r, nb, h, 1);
            b3 = seg(segs, "b3", true, false, 1, repeat(init.b3, r), r, nb, 1, 1);
        }
        // every trained tensor lives in one flat vector, so Adam, the snapshot and the clamp are a few ops per epoch
        int total = 0;
        for (Seg q : segs) if (q.trained) { q.offset = total; total += q.init.length; }
        float[] flat0 = new float[total], nonNeg = new float[total];
        long[] unitOf = new long[total];
        for (Seg q : segs) {
            if (!q.trained) continue;
            System.arraycopy(q.init, 0, flat0, q.offset, q.init.length);
            int perReplica = q.init.length / r;
            int axis = q.unitAxis < 0 ? q.shape.length - 1 : q.unitAxis;
            int stride = 1;
            for (int a = axis + 1; a < q.shape.length; a++) stride *= (int) q.shape[a];
            for (int e = 0; e < q.init.length; e++) {
                int unit = units == 1 ? 0 : (int) ((e / stride) % q.shape[axis]);
                unitOf[q.offset + e] = (long) (e / perReplica) * units + unit;
                if (q.nonNeg) nonNeg[q.offset + e] = 1;
            }
        }

        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray xs = real(opt, m.create(flat(x))).reshape(n, p);
            NDArray ds = real(opt, m.create(flat(d))).reshape(n, f);
            NDArray ys = real(opt, m.create(flat(y))).reshape(n, nb);
            float[] maskHost = new float[r * n];
            float[] countHost = new float[r];
            for (int g = 0; g < groups; g++)
                for (int l = 0; l < lrs; l++)
                    for (int i = 0; i < n; i++)
                        if (train[g][i]) { maskHost[(g * lrs + l) * n + i] = 1; countHost[g * lrs + l]++; }
            NDArray mask = real(opt, m.create(maskHost)).reshape(r, n, 1);
            NDArray count = real(opt, m.create(countHost)).reshape(r, 1);
            NDArray params = real(opt, m.create(flat0));
            params.setRequiresGradient(true);
            NDArray m1 = params.zerosLike(), m2 = params.zerosLike(), best = params.duplicate();
            NDArray units2elem = m.create(unitOf);
            NDArray clampMask = real(opt, m.create(nonNeg));
            for (Seg q : segs) if (!q.trained) q.constant = real(opt, m.create(q.init)).reshape(new Shape(q.shape));

            double[] lr = new double[r * units];
            for (int u = 0; u < r * units; u++) lr[u] = opt.lrs()[(u / units) % lrs];
            double[] bestMae = filled(r * units, Double.POSITIVE_INFINITY);
            double[] schedBest = filled(r * units, Double.POSITIVE_INFINITY);
            int[] schedBad = new int[r * units], stopCount = new int[r * units], epochs = new int[r * units];
            boolean[] stopped = new boolean[r * units];
            int live = r * units;

            long start = System.nanoTime();
            for (int epoch = 0; epoch < opt.maxEpochs() && live > 0; epoch++) {
                if (progress != null && epoch % 1000 == 0)
                    progress.printf("sloth: %s %s, epoch %d, %d/%d runs live, %.0f s%n", spec.perBenchmark() ? "per-benchmark" : "joint",
                            spec.link(), epoch, live, r * units, (System.nanoTime() - start) / 1e9);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray unitLoss, unitMae;
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        if (epoch > 0) {
                            NDArray gr = params.getGradient();
                            gr.subi(gr);
                        }
                        NDArray z = xs.matMul(wX.view(params)).add(ds.matMul(wD.view(params)));
                        z = spec.perBenchmark() ? z.add(b.view(params)) : z.matMul(lam.view(params)).add(b.view(params));
                        NDArray g;
                        if (monotone) {
                            NDArray a = z.tanh().transpose(0, 2, 1).expandDims(3);
                            NDArray h1 = a.mul(w1.view(params)).add(b1.view(params)).tanh();
                            NDArray h2 = h1.matMul(w2.view(params)).add(b2.view(params)).tanh();
                            NDArray o = h2.matMul(w3.view(params)).add(b3.view(params));
                            g = sigmoid(o).squeeze(3).transpose(0, 2, 1);
                        } else {
                            g = sigmoid(z);
                        }
                        NDArray c = sigmoid(lc.view(params));
                        NDArray yhat = g.add(c.mul(g.neg().add(1f)));
                        NDArray diff = yhat.sub(ys);
                        NDArray ad = diff.abs();
                        NDArray loss = NDArrays.where(ad.lt(BETA), diff.square().mul(0.5f / BETA), ad.sub(0.5f * BETA));
                        NDArray lm = loss.mul(mask), am = ad.mul(mask);
                        if (units == 1) {
                            unitLoss = lm.sum(new int[] {1, 2}).reshape(r, 1).div(count).div((float) nb);
                            unitMae = am.sum(new int[] {1, 2}).reshape(r, 1).div(count).div((float) nb);
                        } else {
                            unitLoss = lm.sum(new int[] {1}).div(count);
                            unitMae = am.sum(new int[] {1}).div(count);
                        }
                        gc.backward(unitLoss.sum());
                    }
                    double[] lossHost = host(unitLoss), maeHost = host(unitMae);

                    // Adam (torch defaults) with each run's own learning rate; stopped runs get 0
                    float[] lrHost = new float[r * units];
                    for (int u = 0; u < lrHost.length; u++) lrHost[u] = stopped[u] ? 0f : (float) lr[u];
                    NDArray lrElem = real(opt, m.create(lrHost)).get(units2elem);
                    int t = epoch + 1;
                    NDArray grad = params.getGradient();
                    m1.muli(0.9f).addi(grad.mul(0.1f));
                    m2.muli(0.999f).addi(grad.square().mul(0.001f));
                    float bc1 = (float) (1 - Math.pow(0.9, t)), bc2 = (float) (1 - Math.pow(0.999, t));
                    params.subi(m1.div(bc1).div(m2.div(bc2).sqrt().add(1e-8f)).mul(lrElem));
                    if (monotone) params.subi(params.minimum(0f).mul(clampMask));

                    // then the plateau scheduler and the early stopping, per run, as in fitFR
                    float[] improved = new float[r * units];
                    boolean anyImproved = false;
                    for (int u = 0; u < r * units; u++) {
                        if (stopped[u]) continue;
                        double lv = lossHost[u];
                        if (lv < schedBest[u] * (1 - 1e-4)) {
                            schedBest[u] = lv;
                            schedBad[u] = 0;
                        } else if (++schedBad[u] > opt.schedulerPatience()) {
                            double nl = lr[u] * opt.schedulerFactor();
                            if (lr[u] - nl > 1e-8) lr[u] = nl;
                            schedBad[u] = 0;
                        }
                        epochs[u] = t;
                        if (bestMae[u] > maeHost[u] + opt.earlyStopTol()) {
                            bestMae[u] = maeHost[u];
                            stopCount[u] = 0;
                            improved[u] = 1;
                            anyImproved = true;
                        } else if (++stopCount[u] >= opt.earlyStopPatience()) {
                            stopped[u] = true;
                            live--;
                        }
                    }
                    // like fitFR, the snapshot holds the parameters after this step's update
                    if (anyImproved) {
                        NDArray imp = real(opt, m.create(improved)).get(units2elem);
                        best.muli(imp.neg().add(1f)).addi(params.mul(imp));
                    }
                }
            }

            double[] bestHost = host(best);
            double[] hX = wX.host(bestHost), hD = wD.host(bestHost), hL = lam.host(bestHost), hb = b.host(bestHost), hc = lc.host(bestHost);
            double[][] hLink = monotone ? new double[][] {w1.host(bestHost), b1.host(bestHost), w2.host(bestHost),
                    b2.host(bestHost), w3.host(bestHost), b3.host(bestHost)} : null;
            List<Fit> out = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                // choose, per unit, the learning rate with the lowest best training MAE (first wins ties)
                int[] choice = new int[units];
                double maeSum = 0;
                int ep = 0;
                for (int u = 0; u < units; u++) {
                    int bestLr = 0;
                    for (int l = 1; l < lrs; l++)
                        if (bestMae[(g * lrs + l) * units + u] < bestMae[(g * lrs + bestLr) * units + u]) bestLr = l;
                    choice[u] = g * lrs + bestLr;
                    maeSum += bestMae[choice[u] * units + u];
                    ep = Math.max(ep, epochs[choice[u] * units + u]);
                }
                out.add(new Fit(assemble(choice, spec.perBenchmark(), p, f, k, nb, h, hX, hD, hL, hb, hc, hLink), maeSum / units, ep));
            }
            return out;
        }
    }

    private static SlothParams assemble(int[] choice, boolean perBench, int p, int f, int k, int nb, int h,
                                        double[] hX, double[] hD, double[] hL, double[] hb, double[] hc, double[][] link) {
        // column j of every parameter comes from the replica chosen for unit j (one unit unless per benchmark)
        java.util.function.IntUnaryOperator rep = j -> choice[perBench ? j : 0];
        double[][] wX = new double[p][k], wD = new double[f][k], lam = new double[k][nb];
        for (int s = 0; s < k; s++) {
            int rr = perBench ? choice[s] : choice[0];
            for (int a = 0; a < p; a++) wX[a][s] = hX[(rr * p + a) * k + s];
            for (int a = 0; a < f; a++) wD[a][s] = hD[(rr * f + a) * k + s];
        }
        double[] bias = new double[nb], floor = new double[nb];
        for (int j = 0; j < nb; j++) {
            int rr = rep.applyAsInt(j);
            for (int s = 0; s < k; s++) lam[s][j] = hL[(rr * k + s) * nb + j];
            bias[j] = hb[rr * nb + j];
            floor[j] = SlothParams.sigmoid(hc[rr * nb + j]);
        }
        SlothParams.MonotoneLink ml = null;
        if (link != null) {
            double[][] w1 = new double[nb][h], b1 = new double[nb][h], b2 = new double[nb][h], w3 = new double[nb][h];
            double[][][] w2 = new double[nb][h][h];
            double[] b3 = new double[nb];
            for (int j = 0; j < nb; j++) {
                int base = rep.applyAsInt(j) * nb + j;
                for (int a = 0; a < h; a++) {
                    w1[j][a] = link[0][base * h + a];
                    b1[j][a] = link[1][base * h + a];
                    b2[j][a] = link[3][base * h + a];
                    w3[j][a] = link[4][base * h + a];
                    for (int c = 0; c < h; c++) w2[j][a][c] = link[2][(base * h + a) * h + c];
                }
                b3[j] = link[5][base];
            }
            ml = new SlothParams.MonotoneLink(w1, b1, w2, b2, w3, b3);
        }
        return new SlothParams(wX, wD, lam, bias, floor, ml);
    }

    /** One parameter tensor (replicas first): a slice of the flat trained vector, or a constant. */
    private static final class Seg {
        final long[] shape;
        final int unitAxis;
        final float[] init;
        final boolean trained, nonNeg;
        int offset;
        NDArray constant;

        Seg(long[] shape, int unitAxis, float[] init, boolean trained, boolean nonNeg) {
            this.shape = shape;
            this.unitAxis = unitAxis;
            this.init = init;
            this.trained = trained;
            this.nonNeg = nonNeg;
        }

        NDArray view(NDArray params) {
            if (!trained) return constant;
            return params.get(new NDIndex("{}:{}", offset, offset + init.length)).reshape(new Shape(shape));
        }

        double[] host(double[] flat) {
            if (trained) return Arrays.copyOfRange(flat, offset, offset + init.length);
            double[] out = new double[init.length];
            for (int i = 0; i < out.length; i++) out[i] = init[i];
            return out;
        }
    }

    private static Seg seg(List<Seg> all, String name, boolean trained, boolean nonNeg, int unitAxis, float[] init, long... shape) {
        Seg s = new Seg(shape, unitAxis, init, trained, nonNeg);
        all.add(s);
        return s;
    }

    private static float[] repeat(float[] a, int r) {
        float[] out = new float[a.length * r];
        for (int i = 0; i < r; i++) System.arraycopy(a, 0, out, i * a.length, a.length);
        return out;
    }

    /** Initial values as in fitFR (|N(0,1)| slopes and loadings, N(0,1) intercepts, torch Linear init for the link). */
    private static final class Init {
        final double[][] wX, wD, loadings;
        final double[] bias;
        final float[] w1, b1, w2, b2, w3, b3;

        Init(int p, int f, int k, int nb, int h, Spec spec, double[] floor0, long seed) {
            Random rnd = new Random(seed);
            wX = new double[p][k];
            wD = new double[f][k];
            for (double[] row : wX) for (int s = 0; s < k; s++) row[s] = Math.abs(rnd.nextGaussian());
            for (double[] row : wD) for (int s = 0; s < k; s++) row[s] = rnd.nextGaussian();
            bias = new double[nb];
            for (int j = 0; j < nb; j++) bias[j] = rnd.nextGaussian();
            loadings = new double[k][nb];
            for (int s = 0; s < k; s++)
                for (int j = 0; j < nb; j++)
                    loadings[s][j] = spec.perBenchmark() ? (s == j ? 1 : 0) : nb == 1 ? 1 : Math.abs(rnd.nextGaussian());
            double u = 1 / Math.sqrt(h);
            w1 = uniform(rnd, nb * h, 1, true);
            b1 = uniform(rnd, nb * h, 1, false);
            w2 = uniform(rnd, nb * h * h, u, true);
            b2 = uniform(rnd, nb * h, u, false);
            w3 = uniform(rnd, nb * h, u, true);
            b3 = uniform(rnd, nb, u, false);
        }

        private static float[] uniform(Random rnd, int size, double bound, boolean abs) {
            float[] out = new float[size];
            for (int i = 0; i < size; i++) {
                double v = (2 * rnd.nextDouble() - 1) * bound;
                out[i] = (float) (abs ? Math.abs(v) : v);
            }
            return out;
        }
    }

    private static NDArray real(Options opt, NDArray a) {
        return opt.float64() ? a.toType(DataType.FLOAT64, false) : a;
    }

    private static double[] host(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) return a.toDoubleArray();
        float[] f = a.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    private static NDArray sigmoid(NDArray z) {
        return Activation.sigmoid(z);
    }

    /** The paper's logit with its 1e-5 guard, so floors of 0 stay finite. */
    static double[] logit(double[] c) {
        double[] out = new double[c.length];
        for (int j = 0; j < c.length; j++) out[j] = Math.log((c[j] + 1e-5) / (1 - c[j] + 1e-5));
        return out;
    }

    private static float[] stack(int r, int groups, int lrs, java.util.function.IntFunction<double[][]> perGroup) {
        double[][] first = perGroup.apply(0);
        int rows = first.length, cols = first[0].length;
        float[] out = new float[r * rows * cols];
        for (int g = 0; g < groups; g++) {
            double[][] a = perGroup.apply(g);
            for (int l = 0; l < lrs; l++) {
                int base = (g * lrs + l) * rows * cols;
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) out[base + i * cols + j] = (float) a[i][j];
            }
        }
        return out;
    }

    private static float[] flat(double[][] a) {
        int c = a[0].length;
        float[] out = new float[a.length * c];
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < c; j++) out[i * c + j] = (float) a[i][j];
        return out;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
