package org.elusive.rows;

/**
 * One row of the correlation summary: the distribution over docs of the per-sample correlations of
 * one (family, task, score, method). {@code n} counts docs, {@code nNan} those whose correlation is
 * NaN; the statistics are over the others. {@code survivalArea} = ∫_{-1}^{1} P(corr &gt; x) dx.
 */
public record CorrelationSummaryRow(String family, String task, String score, String method,
        long n, long nNan, double mean, double median, double std, double skew, double kurtosis,
        double survivalArea) {}
