package org.elusive.rows;

/**
 * One row of the scores table (docs/design.md §3.2): the per-sample stages of the Elusive paper for one
 * (checkpoint, task, doc). {@code acc} and {@code accNorm} are 0 or 1.
 */
public record ScoreRow(String family, String model, String revision, long params, double tokens,
        double compute, String task, long docId, int nChoices, int goldIndex,
        double logPVocabCorrect, double pVocabCorrect, double pVocabChoices, double pVocabIncorrect,
        double pChoicesCorrect, double brier, double tcBrier, double acc, double accNorm,
        boolean greedyCorrect) {

    /** The same row under another family label (a scaling set's name, for figures drawn per set). */
    public ScoreRow withFamily(String label) {
        return new ScoreRow(label, model, revision, params, tokens, compute, task, docId, nChoices, goldIndex, logPVocabCorrect,
                pVocabCorrect, pVocabChoices, pVocabIncorrect, pChoicesCorrect, brier, tcBrier, acc, accNorm, greedyCorrect);
    }
}
