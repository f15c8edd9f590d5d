package org.elusive.sloth;

import java.util.List;
import java.util.Locale;
import org.elusive.core.BadInputException;

/**
 * The paper's interpretation of a fitted Sloth ({@code Sloth.interpret(anchor, 'geomin_obl')}): the
 * skills θ (n × k) are only defined up to an invertible k × k map M (θ·M with M⁻¹·Λ predicts the same),
 * so the paper picks one, M = W·T·S:
 * <ol>
 * <li>whitening W = C⁻ᵀ with C·Cᵀ the skills' sample covariance (n − 1): whitened skills have
 *     identity covariance, and the loadings become L = (Cᵀ·Λ)ᵀ (J × k);</li>
 * <li>rotation T by oblique geomin on L ({@link Geomin}): sparse loadings L·T⁻ᵀ, skills with unit
 *     variance and correlation Tᵀ·T;</li>
 * <li>signs S: each skill is flipped so that its coefficient on the anchor row of the skills' map
 *     is positive (the paper anchors on log S, its first feature: skills grow with model size); a zero
 *     coefficient keeps the sign (numpy's sign would zero the skill).</li>
 * </ol>
 * Rotated skills are centred: Z = (θ − μ)·M, and the bias for them is b + μ·Λ, so
 * c + (1 − c)·g(Z·Λ_rot + b_rot) is the fit's prediction exactly.
 *
 * @param loadings  the rotated loadings Λ_rot = M⁻¹·Λ, k × J
 * @param map       the rotated skills' map [W_X; W_D]·M (features, then families; the rows of {@link FitOutput#mapRows}), m × k
 * @param bias      the bias of the centred skills, J
 * @param skills    the rotated, centred skills Z, n × k
 * @param correlation the rotated skills' sample covariance (ones on the diagonal: the skills' correlation)
 */
public record Interpretation(FitOutput fit, Rotation method, String anchor, double[][] whitening, Geomin.Result geomin,
                             double[] signs, double[][] transform, double[][] loadings, double[][] map, double[] bias,
                             double[][] skills, double[][] correlation) {

    /** geomin: the paper's oblique geomin; none: the whitened skills as they are (T = I). */
    public enum Rotation { GEOMIN, NONE;
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    public static Interpretation of(FitOutput fit, Rotation method, String anchor) {
        int anchorRow = fit.mapRows().indexOf(anchor);
        if (anchorRow < 0)
            throw new BadInputException("--anchor " + anchor + ": expected a feature or family of " + fit.dir().resolve("params.json") + " " + fit.mapRows());
        double[][] cov = Matrices.covariance(fit.skills());
        double[][] c;
        try {
            c = Matrices.cholesky(cov);
        } catch (ArithmeticException singular) {
            throw new BadInputException(fit.dir() + ": the skills' covariance is singular (skill "
                    + (Integer.parseInt(singular.getMessage()) + 1) + " is a combination of the others); nothing to whiten");
        }
        double[][] whitening = Matrices.inverse(Matrices.transpose(c));
        double[][] whitenedLoadings = Matrices.transpose(Matrices.multiply(Matrices.transpose(c), fit.loadings()));
        Geomin.Result g = method == Rotation.GEOMIN ? Geomin.rotate(whitenedLoadings) : unrotated(whitenedLoadings);
        double[][] wt = Matrices.multiply(whitening, g.rotation());
        double[][] fullMap = Matrices.multiply(stack(fit.wX(), fit.wD()), wt);
        int k = fit.k();
        double[] signs = new double[k];
        for (int s = 0; s < k; s++) signs[s] = fullMap[anchorRow][s] < 0 ? -1 : 1;
        double[][] transform = new double[k][k];
        for (int i = 0; i < k; i++) for (int s = 0; s < k; s++) transform[i][s] = wt[i][s] * signs[s];
        double[][] map = Matrices.multiply(stack(fit.wX(), fit.wD()), transform);
        double[][] loadings = Matrices.multiply(Matrices.inverse(transform), fit.loadings());
        double[] mu = Matrices.columnMeans(fit.skills());
        double[][] centred = new double[fit.skills().length][k];
        for (int i = 0; i < centred.length; i++) for (int s = 0; s < k; s++) centred[i][s] = fit.skills()[i][s] - mu[s];
        double[][] z = Matrices.multiply(centred, transform);
        double[] bias = fit.bias().clone();
        for (int j = 0; j < bias.length; j++) for (int s = 0; s < k; s++) bias[j] += mu[s] * fit.loadings()[s][j];
        return new Interpretation(fit, method, anchor, whitening, g, signs, transform, loadings, map, bias, z, Matrices.covariance(z));
    }

    private static Geomin.Result unrotated(double[][] l) {
        double f = Geomin.criterion(l);
        return new Geomin.Result(Matrices.identity(l[0].length), l, f, f, 0);
    }

    private static double[][] stack(double[][] top, double[][] bottom) {
        double[][] out = new double[top.length + bottom.length][];
        System.arraycopy(top, 0, out, 0, top.length);
        System.arraycopy(bottom, 0, out, top.length, bottom.length);
        return out;
    }

    public List<String> skillNames() {
        return java.util.stream.IntStream.rangeClosed(1, fit.k()).mapToObj(s -> "skill_" + s).toList();
    }
}
