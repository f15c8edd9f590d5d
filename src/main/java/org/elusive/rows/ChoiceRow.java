package org.elusive.rows;

/**
 * One row of the choices table (docs/design.md §3.1): one (checkpoint, task, doc, choice).
 * {@code tokenLogprobs} may be null when a table was read without that column.
 */
public record ChoiceRow(String family, String model, String revision, long params, double tokens,
        double compute, String task, long docId, int choice, boolean gold, double logprob,
        int nTokens, int nChars, int nBytes, boolean greedy, float[] tokenLogprobs) {}
