package org.elusive.sloth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The level curves of one rotated skill over model size and training tokens (the paper's
 * {@code interpretability_plots}, level-curves figure): the skill's part that the scaling features
 * give, f(u, v) = w_S·ln S + w_T·ln T + w_ST·ln S·ln T, drawn with u = log10 S (billions of params)
 * and v = log10 T (trillions of tokens) over the box of the fit's models (the notebook's 0th to 100th
 * percentiles); a family adds a constant to it, which the figure leaves out as the paper does.
 * In (u, v), f = a·u + b·v + c·u·v is bilinear, so the level set f = y is the hyperbola
 * v = (y − a·u)/(b + c·u) and each curve is computed exactly, not traced on a grid: points at
 * {@link #BINS} values of u (solved for v) and of v (solved for u), kept inside the box, cut at the
 * asymptote u = −b/c and ordered along u (each branch is monotone there). Vertices that a straight
 * segment passes within {@link #TOLERANCE} of the box's size are then dropped (Ramer–Douglas–Peucker):
 * a gentle hyperbola needs a few dozen, not hundreds, and every vertex kept still lies on its level.
 */
public final class LevelCurves {
    private LevelCurves() {}

    /** The notebook's grid size per axis. */
    static final int BINS = 200;
    /** The notebook's {@code contour(..., levels=15)}: matplotlib's MaxNLocator(15 + 1) levels. */
    static final int LEVELS = 15;
    /** How far, as a fraction of the box's width and height, a simplified curve may pass from a dropped vertex (a pixel is ~2e-3). */
    static final double TOLERANCE = 5e-4;

    /** One connected piece of the curve f = level, as (log10 S, log10 T) vertices. */
    public record Curve(double level, double[] u, double[] v) {}

    /** f's coefficients in (u, v) from the weights of the features ln T, ln S, ln S·ln T. */
    public record Skill(double a, double b, double c) {
        static Skill ofNatural(double wLogT, double wLogS, double wLogSLogT) {
            double ln10 = Math.log(10);
            return new Skill(wLogS * ln10, wLogT * ln10, wLogSLogT * ln10 * ln10);
        }

        public double value(double u, double v) { return a * u + b * v + c * u * v; }
    }

    public static List<Curve> curves(Skill f, double u0, double u1, double v0, double v1) {
        // a bilinear function takes its extremes over a box at the corners
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double u : new double[] {u0, u1})
            for (double v : new double[] {v0, v1}) {
                lo = Math.min(lo, f.value(u, v));
                hi = Math.max(hi, f.value(u, v));
            }
        List<Curve> out = new ArrayList<>();
        for (double y : levels(lo, hi))
            for (Curve c : curve(f, y, u0, u1, v0, v1)) out.add(simplified(c, u1 - u0, v1 - v0));
        return out;
    }

    /**
     * "Nice" levels strictly inside (lo, hi) as matplotlib's contour picks them (MaxNLocator(LEVELS + 1)
     * with its default steps): the smallest step of {1, 2, 2.5, 5, 10}·10^e not below (hi − lo)/(LEVELS + 1),
     * its multiples inside the range.
     */
    static List<Double> levels(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo)) return out;
        double raw = (hi - lo) / (LEVELS + 1), scale = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * scale;
        for (double m : new double[] {1, 2, 2.5, 5, 10})
            if (m * scale >= raw * (1 - 1e-12)) {
                step = m * scale;
                break;
            }
        for (long i = (long) Math.floor(lo / step); i * step < hi; i++) {
            double y = i * step;
            if (y > lo && y < hi) out.add(y);
        }
        return out;
    }

    private static List<Curve> curve(Skill f, double y, double u0, double u1, double v0, double v1) {
        List<double[]> below = new ArrayList<>(), above = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            double u = u0 + (u1 - u0) * i / (BINS - 1), den = f.b() + f.c() * u;
            if (den != 0) keep(u, (y - f.a() * u) / den, den, below, above, u0, u1, v0, v1);
            double v = v0 + (v1 - v0) * i / (BINS - 1), denU = f.a() + f.c() * v;
            if (denU != 0) {
                double uu = (y - f.b() * v) / denU;
                keep(uu, v, f.b() + f.c() * uu, below, above, u0, u1, v0, v1);
            }
        }
        List<Curve> out = new ArrayList<>();
        for (List<double[]> branch : List.of(below, above)) {
            if (branch.size() < 2) continue;
            branch.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
            out.add(new Curve(y, branch.stream().mapToDouble(p -> p[0]).toArray(), branch.stream().mapToDouble(p -> p[1]).toArray()));
        }
        return out;
    }

    private static Curve simplified(Curve c, double width, double height) {
        boolean[] keep = new boolean[c.u().length];
        keep[0] = keep[keep.length - 1] = true;
        mark(c, width, height, 0, keep.length - 1, keep);
        int n = 0;
        for (boolean k : keep) if (k) n++;
        double[] u = new double[n], v = new double[n];
        for (int i = 0, j = 0; i < keep.length; i++)
            if (keep[i]) {
                u[j] = c.u()[i];
                v[j++] = c.v()[i];
            }
        return new Curve(c.level(), u, v);
    }

    /** Keeps the vertex between from and to farthest from their chord when it is farther than the tolerance, and recurses. */
    private static void mark(Curve c, double width, double height, int from, int to, boolean[] keep) {
        if (to - from < 2) return;
        double ax = c.u()[from] / width, ay = c.v()[from] / height, dx = c.u()[to] / width - ax, dy = c.v()[to] / height - ay;
        double len = Math.hypot(dx, dy), worst = -1;
        int at = -1;
        for (int i = from + 1; i < to; i++) {
            double px = c.u()[i] / width - ax, py = c.v()[i] / height - ay;
            double d = len == 0 ? Math.hypot(px, py) : Math.abs(px * dy - py * dx) / len;
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (worst <= TOLERANCE) return;
        keep[at] = true;
        mark(c, width, height, from, at, keep);
        mark(c, width, height, at, to, keep);
    }

    /** A point of the curve inside the box goes to its branch: which side of the asymptote b + c·u = 0 it lies on. */
    private static void keep(double u, double v, double den, List<double[]> below, List<double[]> above,
                             double u0, double u1, double v0, double v1) {
        if (u < u0 || u > u1 || v < v0 || v > v1) return;
        (den < 0 ? below : above).add(new double[] {u, v});
    }
}
