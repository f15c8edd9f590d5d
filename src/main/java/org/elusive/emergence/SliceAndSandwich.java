package org.elusive.emergence;

import java.util.ArrayList;
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
 * in x and predicts sigmoid(αx + β) + random guess.
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
     * @param baseline    α (slope) and β (intercept) of logit(acc − rg) = αx + β
     * @param liftShift   the hard-lift shift of TC Brier (0 without --hard-lift)
     * @param accShift    the calibration shift of accuracy (0 without calibration)
     */
    public record Result(ForecastOptions options, List<Prediction> predictions, double[] accToBrier,
                         double[] easyCoef, double[] hardCoef, double[] baseline, double liftShift,
                         double accShift, int trainModels, int testModels, double mse, double baselineMse) {

        /** The fitted accuracy law at any x (for plotting a smooth curve). */
        public double accLaw(double x) {
            double e = Polynomials.value(easyCoef, x), h = Polynomials.value(hardCoef, x);
            double brier = options.hardLift() ? h + liftShift : (e + h) / 2;
            double acc = (brier - accToBrier[0]) / accToBrier[1] + accShift;
            return options.clip() && acc >= 1 ? 1 : acc;
        }

        public double baselineLaw(double x) {
            return sigmoid(baseline[0] * x + baseline[1]) + options.randomGuess();
        }
    }

    /**
     * Runs the forecast on the rows of a model table. {@code easy} and {@code hard} index the group
     * values of each {@link ModelPoint}.
     */
    public static Result forecast(List<ModelPoint> points, int easy, int hard, ForecastOptions o) {
        double threshold = Math.pow(10, o.threshold());
        double logThreshold = Math.log10(threshold);
        List<ModelPoint> rows = new ArrayList<>();
        for (ModelPoint p : points) {
            if (Double.isNaN(p.acc()) || Double.isNaN(p.groups()[easy]) || Double.isNaN(p.groups()[hard])
                    || Double.isNaN(p.flops())) continue;
            rows.add(p);
        }
        rows.sort(Comparator.comparingDouble(ModelPoint::flops));
        int n = rows.size();
        double[] x = new double[n], acc = new double[n], brier = new double[n], e = new double[n], h = new double[n];
        boolean[] train = new boolean[n], fit = new boolean[n];
        for (int i = 0; i < n; i++) {
            ModelPoint p = rows.get(i);
            x[i] = Math.log10(p.flops());
            acc[i] = p.acc();
            brier[i] = -p.brier();
            e[i] = -p.groups()[easy];
            h[i] = -p.groups()[hard];
            train[i] = p.flops() < threshold;
            fit[i] = x[i] < logThreshold;
        }
        int nFit = count(fit), nTrain = count(train), nTest = n - nTrain;
        int need = Math.max(Math.max(o.easyDegree(), o.hardDegree()), 1) + 2;
        if (nFit < need) {
            throw new BadInputException("threshold " + o.threshold() + " leaves " + nFit
                    + " models with complete rows below it; degree " + Math.max(o.easyDegree(), o.hardDegree())
                    + " needs at least " + need);
        }

        double[] accToBrier = Polynomials.fit(select(acc, fit), select(brier, fit), 1);
        double[] easyCoef = Polynomials.fit(select(x, fit), select(e, fit), o.easyDegree());
        double[] hardCoef = Polynomials.fit(select(x, fit), select(h, fit), o.hardDegree());
        double[] easyPred = new double[n], hardPred = new double[n], brierPred = new double[n], accPred = new double[n];
        for (int i = 0; i < n; i++) {
            easyPred[i] = Polynomials.value(easyCoef, x[i]);
            hardPred[i] = Polynomials.value(hardCoef, x[i]);
        }
        double lift = 0;
        if (o.hardLift()) {
            lift = mean(brier, train) - mean(hardPred, train);
            for (int i = 0; i < n; i++) brierPred[i] = hardPred[i] + lift;
        } else {
            for (int i = 0; i < n; i++) brierPred[i] = (easyPred[i] + hardPred[i]) / 2;
        }
        for (int i = 0; i < n; i++) accPred[i] = (brierPred[i] - accToBrier[0]) / accToBrier[1];
        double shift = o.calibrate() ? mean(acc, train) - mean(accPred, train) : 0;
        for (int i = 0; i < n; i++) {
            accPred[i] = accPred[i] + shift;
            if (o.clip() && !(accPred[i] < 1)) accPred[i] = 1;
        }

        double[] logit = new double[n];
        for (int i = 0; i < n; i++) logit[i] = inverseSigmoid(acc[i] - o.randomGuess());
        double[] line = Polynomials.fit(select(x, fit), select(logit, fit), 1);
        double[] baseline = {line[1], line[0]};
        double[] base = new double[n];
        for (int i = 0; i < n; i++) base[i] = sigmoid(baseline[0] * x[i] + baseline[1]) + o.randomGuess();

        List<Prediction> out = new ArrayList<>(n);
        double se = 0, seBase = 0;
        for (int i = 0; i < n; i++) {
            out.add(new Prediction(rows.get(i).model(), rows.get(i).flops(), x[i], train[i], !train[i], acc[i],
                    brier[i], e[i], h[i], easyPred[i], hardPred[i], brierPred[i], accPred[i], base[i]));
            if (!train[i]) {
                se += (acc[i] - accPred[i]) * (acc[i] - accPred[i]);
                seBase += (acc[i] - base[i]) * (acc[i] - base[i]);
            }
        }
        return new Result(o, out, accToBrier, easyCoef, hardCoef, baseline, lift, shift, nTrain, nTest,
                nTest == 0 ? Double.NaN : se / nTest, nTest == 0 ? Double.NaN : seBase / nTest);
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
