package org.elusive.rows;

/**
 * One row of the scores table (docs/design.md §3.2): the per-sample stages of the Elusive paper for one
 * (checkpoint, task, doc). {@code acc} and {@code accNorm} are 0 or 1.
 */
public record ScoreRow(String family, String model, String revision, long params, double tokens,
        double compute, String task, long docId, int nChoices, int goldIndex,
        double logPVocabCorrect, double pVocabCorrect, double pVocabChoices, double pVocabIncorrect,
        double pChoicesCorrect, double brier, double tcBrier, double acc, double accNorm,
        boolean greedyCorrect) {}
