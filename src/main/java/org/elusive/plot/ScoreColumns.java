package org.elusive.plot;

import org.elusive.rows.ScoreRow;

/**
 * The one place where the figures of notebooks 04 and 05 read the scores table. Each value is derived
 * here from today's columns; where transform/ names a column for it, the getter becomes that column.
 */
final class ScoreColumns {
    private ScoreColumns() {}

    static double pVocabCorrect(ScoreRow r) { return r.pVocabCorrect(); }

    /** The incorrect-choice mass: Σ over the other choices of p_vocab(choice) (column {@code p_vocab_incorrect}). */
    static double pVocabIncorrect(ScoreRow r) { return r.pVocabIncorrect(); }

    static double pVocabChoices(ScoreRow r) { return r.pVocabChoices(); }

    /** −log p_vocab(correct), the cross-entropy of the correct choice. */
    static double negLogPVocabCorrect(ScoreRow r) { return -r.logPVocabCorrect(); }

    /** −log of the incorrect-choice mass, as the paper computes it: from the mass itself. */
    static double negLogPVocabIncorrect(ScoreRow r) { return -Math.log(r.pVocabIncorrect()); }

    static double pChoicesCorrect(ScoreRow r) { return r.pChoicesCorrect(); }

    static double brier(ScoreRow r) { return r.brier(); }

    static double acc(ScoreRow r) { return r.acc(); }
}
