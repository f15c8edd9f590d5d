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
import org.elusive.model.Scalars;

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

    /** How many batches the last fit went through (the batch shrinks as runs stop); for tests. */
    static volatile int lastPhases;

    private SlothTrainer() {}

    /**
     * Fits one model per group. x n×p, d n×f, y n×J (no NaN), train G×n (rows each group trains on),
     * floor0 the initial floors c_j; warm (per group, or null) warm-starts every parameter but the link.
     */
    public static List<Fit> fit(double[][] x, double[][] d, double[][] y, boolean[][] train, double[] floor0,
                                Spec spec, List<SlothParams> warm, Options opt) {
        int p = x[0].length, f = d[0].length, nb = y[0].length, groups = train.length;
        int k = spec.perBenchmark() ? nb : spec.skills();
        int lrs = opt.lrs().length, r = groups * lrs, units = spec.perBenchmark() ? nb : 1;
        boolean trainLoadings = !spec.perBenchmark() && nb > 1;
        boolean monotone = spec.link() == Link.MONOTONE;
        int h = opt.hidden();

        Init init = new Init(p, f, k, nb, h, spec, floor0, opt.seed());
        List<Seg> segs = new ArrayList<>();
        Seg wX = seg(segs, true, false, -1, stack(r, groups, lrs, g -> warm == null ? init.wX : warm.get(g).wX()), p, k);
        Seg wD = seg(segs, true, false, -1, stack(r, groups, lrs, g -> warm == null ? init.wD : warm.get(g).wD()), f, k);
        Seg lam = seg(segs, trainLoadings, false, -1, stack(r, groups, lrs, g -> warm == null ? init.loadings : warm.get(g).loadings()), k, nb);
        Seg b = seg(segs, true, false, -1, stack(r, groups, lrs, g -> new double[][] {warm == null ? init.bias : warm.get(g).bias()}), 1, nb);
        Seg lc = seg(segs, spec.fitFloor(), false, -1,
                stack(r, groups, lrs, g -> new double[][] {logit(warm == null ? floor0 : warm.get(g).floor())}), 1, nb);
        Seg w1 = null, b1 = null, w2 = null, b2 = null, w3 = null, b3 = null;
        if (monotone) {
            w1 = seg(segs, true, true, 1, repeat(init.w1, r), nb, 1, h);
            b1 = seg(segs, true, false, 1, repeat(init.b1, r), nb, 1, h);
            w2 = seg(segs, true, true, 1, repeat(init.w2, r), nb, h, h);
            b2 = seg(segs, true, false, 1, repeat(init.b2, r), nb, 1, h);
            w3 = seg(segs, true, true, 1, repeat(init.w3, r), nb, h, 1);
            b3 = seg(segs, true, false, 1, repeat(init.b3, r), nb, 1, 1);
        }
        State st = new State(r, units, opt);
        Ctx cx = new Ctx(x, d, y, train, lrs, spec, segs, wX, wD, lam, b, lc, w1, b1, w2, b2, w3, b3, opt);
        // runs that stopped drop out of the batch once they are a good share of it, so the slow
        // learning rates do not drag the finished ones along
        int phases = 0;
        while (st.live > 0 && st.epoch < opt.maxEpochs()) {
            phases++;
            List<Integer> active = new ArrayList<>();
            for (int rep = 0; rep < r; rep++) if (st.replicaLive(rep)) active.add(rep);
            runPhase(cx, st, active.stream().mapToInt(Integer::intValue).toArray());
        }

        lastPhases = phases;
        double[] hX = wX.best, hD = wD.best, hL = lam.best, hb = b.best, hc = lc.best;
        double[][] hLink = monotone ? new double[][] {w1.best, b1.best, w2.best, b2.best, w3.best, b3.best} : null;
        List<Fit> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            // choose, per unit, the learning rate with the lowest best training MAE (first wins ties)
            int[] choice = new int[units];
            double maeSum = 0;
            int ep = 0;
            for (int u = 0; u < units; u++) {
                int bestLr = 0;
                for (int l = 1; l < lrs; l++)
                    if (st.bestMae[(g * lrs + l) * units + u] < st.bestMae[(g * lrs + bestLr) * units + u]) bestLr = l;
                choice[u] = g * lrs + bestLr;
                maeSum += st.bestMae[choice[u] * units + u];
                ep = Math.max(ep, st.epochs[choice[u] * units + u]);
            }
            out.add(new Fit(assemble(choice, spec.perBenchmark(), p, f, k, nb, h, hX, hD, hL, hb, hc, hLink), maeSum / units, ep));
        }
        return out;
    }

    /** Everything a phase needs besides the mutable state. */
    private record Ctx(double[][] x, double[][] d, double[][] y, boolean[][] train, int lrs, Spec spec, List<Seg> segs,
                       Seg wX, Seg wD, Seg lam, Seg b, Seg lc, Seg w1, Seg b1, Seg w2, Seg b2, Seg w3, Seg b3, Options opt) {}

    /** Per-run optimiser state on the host (learning rates, scheduler, early stopping), units = replica × column. */
    private static final class State {
        final int units;
        final double[] lr, bestMae, schedBest;
        final int[] schedBad, stopCount, epochs;
        final boolean[] stopped;
        int live, epoch;

        State(int r, int units, Options opt) {
            this.units = units;
            int nu = r * units;
            lr = new double[nu];
            for (int u = 0; u < nu; u++) lr[u] = opt.lrs()[(u / units) % opt.lrs().length];
            bestMae = filled(nu, Double.POSITIVE_INFINITY);
            schedBest = filled(nu, Double.POSITIVE_INFINITY);
            schedBad = new int[nu];
            stopCount = new int[nu];
            epochs = new int[nu];
            stopped = new boolean[nu];
            live = nu;
        }

        boolean replicaLive(int rep) {
            for (int u = 0; u < units; u++) if (!stopped[rep * units + u]) return true;
            return false;
        }
    }

    /** Trains the given replicas until done, or until enough of them stopped that the batch should shrink. */
    private static void runPhase(Ctx cx, State st, int[] active) {
        Options opt = cx.opt();
        Spec spec = cx.spec();
        int n = cx.y().length, p = cx.x()[0].length, f = cx.d()[0].length, nb = cx.y()[0].length;
        int ra = active.length, units = st.units;
        boolean monotone = spec.link() == Link.MONOTONE;
        // every trained tensor lives in one flat vector, so Adam, the snapshot and the clamp are a few ops per epoch
        int total = 0;
        for (Seg q : cx.segs()) if (q.trained) { q.offset = total; total += ra * q.per; }
        double[] v0 = new double[total], a1 = new double[total], a2 = new double[total], bst = new double[total];
        float[] nonNeg = new float[total];
        long[] unitOf = new long[total];
        for (Seg q : cx.segs()) {
            if (!q.trained) continue;
            int axis = q.unitAxis < 0 ? q.tail.length - 1 : q.unitAxis - 1;
            int stride = 1;
            for (int a = axis + 1; a < q.tail.length; a++) stride *= (int) q.tail[a];
            for (int i = 0; i < ra; i++) {
                int src = active[i] * q.per, dst = q.offset + i * q.per;
                System.arraycopy(q.value, src, v0, dst, q.per);
                System.arraycopy(q.m1, src, a1, dst, q.per);
                System.arraycopy(q.m2, src, a2, dst, q.per);
                System.arraycopy(q.best, src, bst, dst, q.per);
                for (int e = 0; e < q.per; e++) {
                    int unit = units == 1 ? 0 : (int) ((e / stride) % q.tail[axis]);
                    unitOf[dst + e] = (long) i * units + unit;
                    if (q.nonNeg) nonNeg[dst + e] = 1;
                }
            }
        }
        float[] maskHost = new float[ra * n], countHost = new float[ra];
        for (int i = 0; i < ra; i++) {
            boolean[] rows = cx.train()[active[i] / cx.lrs()];
            for (int row = 0; row < n; row++) if (rows[row]) { maskHost[i * n + row] = 1; countHost[i]++; }
        }

        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray xs = real(opt, m.create(flat(cx.x()))).reshape(n, p);
            NDArray ds = real(opt, m.create(flat(cx.d()))).reshape(n, f);
            NDArray ys = real(opt, m.create(flat(cx.y()))).reshape(n, nb);
            NDArray mask = real(opt, m.create(maskHost)).reshape(ra, n, 1);
            NDArray count = real(opt, m.create(countHost)).reshape(ra, 1);
            NDArray params = real(opt, m.create(v0)), m1 = real(opt, m.create(a1)), m2 = real(opt, m.create(a2)), best = real(opt, m.create(bst));
            params.setRequiresGradient(true);
            NDArray units2elem = m.create(unitOf);
            NDArray clampMask = real(opt, m.create(nonNeg));
            for (Seg q : cx.segs()) {
                q.rows = ra;
                if (!q.trained) {
                    double[] c = new double[ra * q.per];
                    for (int i = 0; i < ra; i++) System.arraycopy(q.value, active[i] * q.per, c, i * q.per, q.per);
                    q.constant = real(opt, m.create(c)).reshape(q.shape(ra));
                }
            }
            Seg wX = cx.wX(), wD = cx.wD(), lam = cx.lam(), b = cx.b(), lc = cx.lc();
            Seg w1 = cx.w1(), b1 = cx.b1(), w2 = cx.w2(), b2 = cx.b2(), w3 = cx.w3(), b3 = cx.b3();
            int liveReplicas = ra;
            boolean first = true;
            long start = System.nanoTime();
            while (st.live > 0 && st.epoch < opt.maxEpochs() && !(liveReplicas <= 0.6 * ra && ra - liveReplicas >= 2)) {
                if (progress != null && st.epoch % 1000 == 0)
                    progress.printf("sloth: %s %s, epoch %d, %d runs live, batch of %d, %.0f s%n", spec.perBenchmark() ? "per-benchmark" : "joint",
                            spec.link(), st.epoch, st.live, ra, (System.nanoTime() - start) / 1e9);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray unitLoss, unitMae;
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        if (!first) {
                            NDArray gr = params.getGradient();
                            gr.subi(gr);
                        }
                        first = false;
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
                        NDArray loss = NDArrays.where(ad.lt(BETA), diff.square().mul(Scalars.of(diff, 0.5f / BETA)), ad.sub(0.5f * BETA));
                        NDArray lm = loss.mul(mask), am = ad.mul(mask);
                        if (units == 1) {
                            NDArray benchmarks = Scalars.of(lm, nb);
                            unitLoss = lm.sum(new int[] {1, 2}).reshape(ra, 1).div(count).div(benchmarks);
                            unitMae = am.sum(new int[] {1, 2}).reshape(ra, 1).div(count).div(benchmarks);
                        } else {
                            unitLoss = lm.sum(new int[] {1}).div(count);
                            unitMae = am.sum(new int[] {1}).div(count);
                        }
                        gc.backward(unitLoss.sum());
                    }
                    double[] lossHost = host(unitLoss), maeHost = host(unitMae);

                    // Adam (torch defaults) with each run's own learning rate; stopped runs get 0
                    float[] lrHost = new float[ra * units];
                    for (int i = 0; i < ra; i++)
                        for (int u = 0; u < units; u++) {
                            int gu = active[i] * units + u;
                            lrHost[i * units + u] = st.stopped[gu] ? 0f : (float) st.lr[gu];
                        }
                    NDArray lrElem = real(opt, m.create(lrHost)).get(units2elem);
                    int t = ++st.epoch;
                    NDArray grad = params.getGradient();
                    m1.muli(0.9f).addi(grad.mul(0.1f));
                    m2.muli(0.999f).addi(grad.square().mul(0.001f));
                    float bc1 = (float) (1 - Math.pow(0.9, t)), bc2 = (float) (1 - Math.pow(0.999, t));
                    params.subi(m1.div(bc1).div(m2.div(bc2).sqrt().add(1e-8f)).mul(lrElem));
                    if (monotone) params.subi(params.minimum(0f).mul(clampMask));

                    // then the plateau scheduler and the early stopping, per run, as in fitFR
                    float[] improved = new float[ra * units];
                    boolean anyImproved = false;
                    liveReplicas = 0;
                    for (int i = 0; i < ra; i++) {
                        boolean repLive = false;
                        for (int u = 0; u < units; u++) {
                            int gu = active[i] * units + u, lu = i * units + u;
                            if (st.stopped[gu]) continue;
                            double lv = lossHost[lu];
                            if (lv < st.schedBest[gu] * (1 - 1e-4)) {
                                st.schedBest[gu] = lv;
                                st.schedBad[gu] = 0;
                            } else if (++st.schedBad[gu] > opt.schedulerPatience()) {
                                double nl = st.lr[gu] * opt.schedulerFactor();
                                if (st.lr[gu] - nl > 1e-8) st.lr[gu] = nl;
                                st.schedBad[gu] = 0;
                            }
                            st.epochs[gu] = t;
                            if (st.bestMae[gu] > maeHost[lu] + opt.earlyStopTol()) {
                                st.bestMae[gu] = maeHost[lu];
                                st.stopCount[gu] = 0;
                                improved[lu] = 1;
                                anyImproved = true;
                            } else if (++st.stopCount[gu] >= opt.earlyStopPatience()) {
                                st.stopped[gu] = true;
                                st.live--;
                            }
                            repLive |= !st.stopped[gu];
                        }
                        if (repLive) liveReplicas++;
                    }
                    // like fitFR, the snapshot holds the parameters after this step's update
                    if (anyImproved) {
                        NDArray imp = real(opt, m.create(improved)).get(units2elem);
                        best.muli(imp.neg().add(1f)).addi(params.mul(imp));
                    }
                }
            }
            double[] hv = host(params), h1 = host(m1), h2 = host(m2), hb = host(best);
            for (Seg q : cx.segs()) {
                if (!q.trained) continue;
                for (int i = 0; i < ra; i++) {
                    int src = q.offset + i * q.per, dst = active[i] * q.per;
                    System.arraycopy(hv, src, q.value, dst, q.per);
                    System.arraycopy(h1, src, q.m1, dst, q.per);
                    System.arraycopy(h2, src, q.m2, dst, q.per);
                    System.arraycopy(hb, src, q.best, dst, q.per);
                }
            }
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

    /**
     * One parameter tensor, replicas first: on the host its value, Adam moments and best snapshot for
     * all replicas; in a phase a slice of the flat trained vector (or a constant when not trained).
     */
    private static final class Seg {
        final long[] tail;
        final int unitAxis, per;
        final boolean trained, nonNeg;
        final double[] value, m1, m2, best;
        int offset, rows;
        NDArray constant;

        Seg(long[] tail, int unitAxis, double[] init, boolean trained, boolean nonNeg) {
            this.tail = tail;
            this.unitAxis = unitAxis;
            this.trained = trained;
            this.nonNeg = nonNeg;
            int size = 1;
            for (long t : tail) size *= (int) t;
            this.per = size;
            this.value = init;
            this.m1 = new double[init.length];
            this.m2 = new double[init.length];
            this.best = init.clone();
        }

        Shape shape(int replicas) {
            long[] s = new long[tail.length + 1];
            s[0] = replicas;
            System.arraycopy(tail, 0, s, 1, tail.length);
            return new Shape(s);
        }

        NDArray view(NDArray params) {
            if (!trained) return constant;
            return params.get(new NDIndex("{}:{}", offset, offset + rows * per)).reshape(shape(rows));
        }
    }

    private static Seg seg(List<Seg> all, boolean trained, boolean nonNeg, int unitAxis, double[] init, long... tail) {
        Seg s = new Seg(tail, unitAxis, init, trained, nonNeg);
        all.add(s);
        return s;
    }

    private static double[] repeat(float[] a, int r) {
        double[] out = new double[a.length * r];
        for (int i = 0; i < r; i++) for (int j = 0; j < a.length; j++) out[i * a.length + j] = a[j];
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
        DataType want = opt.float64() ? DataType.FLOAT64 : DataType.FLOAT32;
        return a.getDataType() == want ? a : a.toType(want, false);
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

    private static double[] stack(int r, int groups, int lrs, java.util.function.IntFunction<double[][]> perGroup) {
        double[][] first = perGroup.apply(0);
        int rows = first.length, cols = first[0].length;
        double[] out = new double[r * rows * cols];
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

    private static double[] flat(double[][] a) {
        int c = a[0].length;
        double[] out = new double[a.length * c];
        for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, out, i * c, c);
        return out;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
