package org.elusive.sloth;

/**
 * What one call of {@link SlothTrainer#fit} trains: the data (x n×p, d n×f, y n×J without NaN), the
 * rows each group trains on (train G×n), the initial floors, the model spec and the options. Its
 * fits are replicas = group × learning rate; runs = replica × unit, where a unit is one benchmark of
 * a per-benchmark fit (each its own law with its own schedule and early stopping) or the whole model.
 */
record SlothProblem(double[][] x, double[][] d, double[][] y, boolean[][] train, double[] floor0,
                    SlothTrainer.Spec spec, SlothTrainer.Options options) {

    int rows() { return y.length; }

    int features() { return x[0].length; }

    int familyColumns() { return d[0].length; }

    int benchmarks() { return y[0].length; }

    int skills() { return spec.perBenchmark() ? benchmarks() : spec.skills(); }

    int groups() { return train.length; }

    int learningRates() { return options.lrs().length; }

    int replicas() { return groups() * learningRates(); }

    int units() { return spec.perBenchmark() ? benchmarks() : 1; }

    boolean monotone() { return spec.link() == SlothTrainer.Link.MONOTONE; }

    /** Loadings are trained in joint fits of several benchmarks; per-benchmark laws keep Λ = I, one benchmark Λ = 1. */
    boolean trainsLoadings() { return !spec.perBenchmark() && benchmarks() > 1; }
}
