package org.elusive.rows;

/**
 * One row of the correlation summary (docs/design.md §3.4): the distribution over docs of the per-sample
 * correlations of one (family or scaling set, task, score, method). {@code n} counts docs, {@code nNan}
 * those whose correlation is NaN; every statistic is over the others, with the definitions of the
 * Elusive paper's script (numpy, ddof 0; scipy.stats' biased skew and excess kurtosis; the trapezoid
 * AUC of the complementary ECDF; distances to the point masses at 1 and -1). The pandas-convention
 * statistics ({@code stdDdof1}, {@code skewAdjusted}, {@code kurtosisAdjusted}) and the exact
 * {@code survivalArea} = ∫_{-1}^{1} P(corr &gt; x) dx are kept beside them.
 */
public record CorrelationSummaryRow(String family, String task, String score, String method,
        long n, long nNan, double fracNan, double mean, double median, double std, double var,
        double skew, double kurtosis, double auc, double aucMax,
        double wasserstein1, double wassersteinMinus1, double wassersteinMin,
        double energy1, double energyMinus1, double energyMin,
        double ks1, double ksMinus1, double ksMin,
        double stdDdof1, double skewAdjusted, double kurtosisAdjusted, double survivalArea) {}
