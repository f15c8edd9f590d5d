package org.elusive.forecast;

import java.util.List;

/** Method {@code acc_sigmoid}: the benchmark's mean accuracy against log compute, a {@link SigmoidLaw} with floor = chance. */
final class AccSigmoid {
    static final String NAME = "acc_sigmoid";

    private AccSigmoid() {}

    static List<Forecast> forecast(Panel p, Split s, double[] xs) {
        int[] train = s.trainIndices();
        double[] x = new double[train.length], y = new double[train.length];
        for (int t = 0; t < train.length; t++) {
            x[t] = p.checkpoints().get(train[t]).x();
            y[t] = Panel.mean(p.acc(), train[t]);
        }
        SigmoidLaw law = SigmoidLaw.fit(x, y, p.chance());
        Forecast f = Forecast.empty(NAME, xs.length);
        for (int i = 0; i < xs.length; i++) f.acc()[i] = law.value(xs[i]);
        return List.of(f);
    }
}
