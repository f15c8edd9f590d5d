package org.elusive.rows;

/** One row of the correlations table (docs/design.md §3.3). */
public record CorrelationRow(String family, String task, long docId, String score, String method,
        double correlation, double pValue, int nModels) {}
