package org.elusive.emergence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.elusive.core.BadInputException;
import org.elusive.emergence.GroupColumns.ModelPoint;

/**
 * Slice-and-Sandwich (Wu & Lo 2024, fit_cluster.py), step for step: TC Brier values are negated
 * (higher is better); the training split is the models below the emergence threshold; an OLS line
 * maps accuracy to overall TC Brier; polynomials in x = log10(FLOPs/1e21) are fitted to the easy and
 * the hard group; their mean is the predicted TC Brier, mapped back to accuracy through the inverted
 * line and shifted so the training means agree. The baseline fits logit(acc − random guess) linearly
 * in x and predicts sigmoid(αx + β) + random guess; the oracle (plot_oracle) is the same fit on every
 * model, test split included, an upper bound for any sigmoid forecast.
 */
public final class SliceAndSandwich {
    private SliceAndSandwich() {}

    /** Per model: the inputs (TC Brier negated) and every prediction. */
    public record Prediction(String model, double flops, double x, boolean train, boolean test, double acc,
                             double brier, double easy, double hard, double easyPred, double hardPred,
                             double brierPred, double accPred, double accBasePred) {}

    /**
     * @param accToBrier  intercept and slope of brier = a + b·acc on the training split
     * @param easyCoef    polynomial coefficients c0…cd of the easy group
     * @param hardCoef    same for the hard group
     * @param baseline    α (slope) and β (intercept) of logit(acc − rg) = αx + β on the training split
     * @param oracle      the same on every model (fit_cluster.py's plot_oracle)
     * @param liftShift   the hard-lift shift of TC Brier (0 without --hard-lift)
     * @param accShift    the calibration shift of accuracy (0 without calibration)
     */
    public record Result(ForecastOptions options, List<Prediction> predictions, double[] accToBrier,
                         double[] easyCoef, double[] hardCoef, double[] baseline, double[] oracle, double liftShift,
                         double accShift, int trainModels, int testModels, double mse, double baselineMse,
                         double oracleMse) {

        /** The fitted accuracy law at any x (for plotting a smooth curve). */
        public double accLaw(double x) {
            double acc = (brierLaw(x) - accToBrier[0]) / accToBrier[1] + accShift;
            return options.clip() && acc >= 1 ? 1 : acc;
        }

        /** The fitted TC Brier law (negated) at any x: the easy/hard mean, or the lifted hard group. */
        public double brierLaw(double x) {
            double e = Polynomials.value(easyCoef, x), h = Polynomials.value(hardCoef, x);
            return options.hardLift() ? h + liftShift : (e + h) / 2;
        }

        public double baselineLaw(double x) {
            return sigmoid(baseline[0] * x + baseline[1]) + options.randomGuess();
        }

        public double oracleLaw(double x) {
            return sigmoid(oracle[0] * x + oracle[1]) + options.randomGuess();
        }
    }

    /**
     * Runs the forecast on the rows of a model table. {@code easy} and {@code hard} index the group
     * values of each {@link ModelPoint}.
     */
    public static Result forecast(List<ModelPoint> points, int easy, int hard, ForecastOptions o) {
        Inputs in = Inputs.of(points, easy, hard, Math.pow(10, o.threshold()));
        int n = in.rows().size(), nTrain = count(in.train()), nTest = n - nTrain;
        requireEnoughToFit(count(in.fit()), o);

        double[] accToBrier = Polynomials.fit(select(in.acc(), in.fit()), select(in.brier(), in.fit()), 1);
        double[] easyCoef = Polynomials.fit(select(in.x(), in.fit()), select(in.e(), in.fit()), o.easyDegree());
        double[] hardCoef = Polynomials.fit(select(in.x(), in.fit()), select(in.h(), in.fit()), o.hardDegree());
        double[] easyPred = values(easyCoef, in.x()), hardPred = values(hardCoef, in.x());
        double lift = o.hardLift() ? mean(in.brier(), in.train()) - mean(hardPred, in.train()) : 0;
        double[] brierPred = new double[n];
        for (int i = 0; i < n; i++) {
            brierPred[i] = o.hardLift() ? hardPred[i] + lift : (easyPred[i] + hardPred[i]) / 2;
        }
        double[] accPred = new double[n];
        for (int i = 0; i < n; i++) accPred[i] = (brierPred[i] - accToBrier[0]) / accToBrier[1];
        double shift = o.calibrate() ? mean(in.acc(), in.train()) - mean(accPred, in.train()) : 0;
        for (int i = 0; i < n; i++) {
            accPred[i] = accPred[i] + shift;
            if (o.clip() && !(accPred[i] < 1)) accPred[i] = 1;
        }
        double[] baseline = sigmoidFit(in, in.fit(), o.randomGuess());
        double[] oracle = sigmoidFit(in, all(n), o.randomGuess());
        double[] base = new double[n], orc = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = sigmoid(baseline[0] * in.x()[i] + baseline[1]) + o.randomGuess();
            orc[i] = sigmoid(oracle[0] * in.x()[i] + oracle[1]) + o.randomGuess();
        }

        List<Prediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ModelPoint p = in.rows().get(i);
            out.add(new Prediction(p.model(), p.flops(), in.x()[i], in.train()[i], !in.train()[i], in.acc()[i],
                    in.brier()[i], in.e()[i], in.h()[i], easyPred[i], hardPred[i], brierPred[i], accPred[i], base[i]));
        }
        boolean[] test = new boolean[n];
        for (int i = 0; i < n; i++) test[i] = !in.train()[i];
        return new Result(o, out, accToBrier, easyCoef, hardCoef, baseline, oracle, lift, shift, nTrain, nTest,
                meanSquaredError(in.acc(), accPred, test), meanSquaredError(in.acc(), base, test),
                meanSquaredError(in.acc(), orc, test));
    }

    /**
     * The complete rows sorted by FLOPs, as columns: x = log10(FLOPs), TC Brier negated. {@code train}
     * compares FLOPs with the threshold and {@code fit} compares x with its log10, as fit_cluster.py
     * does; the two can differ at the threshold by rounding, so both are kept.
     */
    private record Inputs(List<ModelPoint> rows, double[] x, double[] acc, double[] brier, double[] e, double[] h,
                          boolean[] train, boolean[] fit) {
        static Inputs of(List<ModelPoint> points, int easy, int hard, double threshold) {
            double logThreshold = Math.log10(threshold);
            List<ModelPoint> rows = new ArrayList<>();
            for (ModelPoint p : points) {
                if (Double.isNaN(p.acc()) || Double.isNaN(p.groups()[easy]) || Double.isNaN(p.groups()[hard])
                        || Double.isNaN(p.flops())) continue;
                rows.add(p);
            }
            rows.sort(Comparator.comparingDouble(ModelPoint::flops));
            int n = rows.size();
            Inputs in = new Inputs(rows, new double[n], new double[n], new double[n], new double[n], new double[n],
                    new boolean[n], new boolean[n]);
            for (int i = 0; i < n; i++) {
                ModelPoint p = rows.get(i);
                in.x[i] = Math.log10(p.flops());
                in.acc[i] = p.acc();
                in.brier[i] = -p.brier();
                in.e[i] = -p.groups()[easy];
                in.h[i] = -p.groups()[hard];
                in.train[i] = p.flops() < threshold;
                in.fit[i] = in.x[i] < logThreshold;
            }
            return in;
        }
    }

    /** The polynomial fits need more points than coefficients, or numpy's lstsq would be underdetermined. */
    private static void requireEnoughToFit(int nFit, ForecastOptions o) {
        int need = Math.max(Math.max(o.easyDegree(), o.hardDegree()), 1) + 2;
        if (nFit < need) {
            throw new BadInputException("threshold " + o.threshold() + " leaves " + nFit
                    + " models with complete rows below it; degree " + Math.max(o.easyDegree(), o.hardDegree())
                    + " needs at least " + need);
        }
    }

    /** α (slope) and β (intercept) of logit(acc − random guess) = αx + β on the masked rows. */
    private static double[] sigmoidFit(Inputs in, boolean[] mask, double randomGuess) {
        double[] logit = new double[in.acc().length];
        for (int i = 0; i < logit.length; i++) logit[i] = inverseSigmoid(in.acc()[i] - randomGuess);
        double[] line = Polynomials.fit(select(in.x(), mask), select(logit, mask), 1);
        return new double[] {line[1], line[0]};
    }

    private static boolean[] all(int n) {
        boolean[] mask = new boolean[n];
        Arrays.fill(mask, true);
        return mask;
    }

    private static double[] values(double[] coef, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = Polynomials.value(coef, x[i]);
        return out;
    }

    /** Mean squared error over the masked rows, summed in row order; NaN when none is masked. */
    private static double meanSquaredError(double[] actual, double[] predicted, boolean[] mask) {
        double se = 0;
        for (int i = 0; i < actual.length; i++) {
            if (mask[i]) se += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
        }
        int c = count(mask);
        return c == 0 ? Double.NaN : se / c;
    }

    /** utils.inverse_sigmoid: clamp to [0, 1], then log((y + 1e-6) / (1 − y + 1e-6)). */
    static double inverseSigmoid(double y) {
        double eps = 1e-6;
        y = Math.min(Math.max(y, 0.0), 1.0);
        return Math.log((y + eps) / (1 - y + eps));
    }

    static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) if (b) c++;
        return c;
    }

    private static double[] select(double[] v, boolean[] mask) {
        double[] out = new double[count(mask)];
        for (int i = 0, j = 0; i < v.length; i++) if (mask[i]) out[j++] = v[i];
        return out;
    }

    private static double mean(double[] v, boolean[] mask) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < v.length; i++) if (mask[i]) { s += v[i]; c++; }
        return s / c;
    }
}
