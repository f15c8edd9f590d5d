package org.elusive.forecast;

import java.util.ArrayList;
import java.util.List;

/** {@code forecast fit}: every method fitted on a panel's checkpoints up to a cutoff, predicting at computes the user names. */
public final class FitAt {
    private FitAt() {}

    public record Row(String set, String benchmark, double compute, String method, double acc, double brier, double pCorrect,
                      int trainCheckpoints, double maxTrainCompute) {}

    /** {@code cutoff} +∞ fits on every checkpoint. */
    public static List<Row> predict(List<Panel> panels, double cutoff, double[] computes, List<String> notes) {
        double[] xs = new double[computes.length];
        for (int i = 0; i < xs.length; i++) xs[i] = Math.log10(computes[i]);
        List<Row> out = new ArrayList<>();
        for (Panel p : panels) {
            Split s = Split.atCutoff(p, cutoff);
            int n = s.trainIndices().length;
            double last = p.checkpoints().get(s.lastTrain()).compute();
            for (Forecast f : Methods.run(p, s, xs, notes)) {
                for (int i = 0; i < xs.length; i++) {
                    out.add(new Row(p.set(), p.benchmark(), computes[i], f.method(), f.acc()[i], f.brier()[i], f.pCorrect()[i], n, last));
                }
            }
        }
        return out;
    }
}
