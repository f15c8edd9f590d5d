package org.elusive.sloth;

import java.util.List;

/**
 * A per-benchmark law as one model: benchmark j's own fit (k = 1, Λ = 1) is column j of W_X, W_D,
 * an identity Λ, and its bias, floor and link; {@link #part} takes one benchmark's fit back out
 * (the warm start of its trainable-link stage).
 */
final class PerBenchmark {
    private PerBenchmark() {}

    static SlothParams join(List<SlothParams> parts) {
        int nb = parts.size(), p = parts.get(0).wX().length, f = parts.get(0).wD().length;
        double[][] wX = new double[p][nb], wD = new double[f][nb], eye = new double[nb][nb];
        double[] bias = new double[nb], floor = new double[nb];
        for (int j = 0; j < nb; j++) {
            SlothParams pj = parts.get(j);
            for (int a = 0; a < p; a++) wX[a][j] = pj.wX()[a][0];
            for (int c = 0; c < f; c++) wD[c][j] = pj.wD()[c][0];
            eye[j][j] = 1;
            bias[j] = pj.bias()[0];
            floor[j] = pj.floor()[0];
        }
        SlothParams.MonotoneLink link = null;
        if (parts.get(0).link() != null) {
            double[][] w1 = new double[nb][], b1 = new double[nb][], b2 = new double[nb][], w3 = new double[nb][];
            double[][][] w2 = new double[nb][][];
            double[] b3 = new double[nb];
            for (int j = 0; j < nb; j++) {
                SlothParams.MonotoneLink lj = parts.get(j).link();
                w1[j] = lj.w1()[0];
                b1[j] = lj.b1()[0];
                w2[j] = lj.w2()[0];
                b2[j] = lj.b2()[0];
                w3[j] = lj.w3()[0];
                b3[j] = lj.b3()[0];
            }
            link = new SlothParams.MonotoneLink(w1, b1, w2, b2, w3, b3);
        }
        return new SlothParams(wX, wD, eye, bias, floor, link);
    }

    static SlothParams part(SlothParams law, int j) {
        int p = law.wX().length, f = law.wD().length;
        double[][] wX = new double[p][1], wD = new double[f][1];
        for (int a = 0; a < p; a++) wX[a][0] = law.wX()[a][j];
        for (int c = 0; c < f; c++) wD[c][0] = law.wD()[c][j];
        SlothParams.MonotoneLink l = law.link();
        SlothParams.MonotoneLink link = l == null ? null : new SlothParams.MonotoneLink(new double[][] {l.w1()[j]},
                new double[][] {l.b1()[j]}, new double[][][] {l.w2()[j]}, new double[][] {l.b2()[j]}, new double[][] {l.w3()[j]},
                new double[] {l.b3()[j]});
        return new SlothParams(wX, wD, new double[][] {{1}}, new double[] {law.bias()[j]}, new double[] {law.floor()[j]}, link);
    }
}
