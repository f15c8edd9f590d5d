package org.elusive.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.ScoreRow;
import org.junit.jupiter.api.Test;

/** Issue 15: scores of one-continuation docs (LAMBADA) and the derived scores of the paper's figures. */
class OneContinuationAndDerivedTest {

    static ChoiceRow choice(int i, boolean gold, double ll, boolean greedy) {
        return new ChoiceRow("f", "m", "main", 10, 1e9, 6e10, "lambada_openai", 3, i, gold, ll, 2, 5, 5, greedy, null);
    }

    static ScoreRow score(List<ChoiceRow> rows) {
        return Scores.score(new Scores.DocKey("f", "m", "main", "lambada_openai", 3), rows, null);
    }

    @Test
    void oneContinuationAccIsIsGreedyAndRenormalisedScoresAreNaN() {
        ScoreRow greedy = score(List.of(choice(0, true, -2.5, true)));
        assertEquals(1.0, greedy.acc());
        assertEquals(-2.5, greedy.logPVocabCorrect());
        assertEquals(Math.exp(-2.5), greedy.pVocabCorrect());
        assertEquals(Math.exp(-2.5), greedy.pVocabChoices());
        for (double v : new double[] {greedy.pVocabIncorrect(), greedy.pChoicesCorrect(), greedy.brier(), greedy.tcBrier(), greedy.accNorm()}) {
            assertTrue(Double.isNaN(v), greedy.toString());
        }
        ScoreRow notGreedy = score(List.of(choice(0, true, -0.1, false)));
        assertEquals(0.0, notGreedy.acc(), "the most likely of one choice is still wrong when greedy decoding differs");
        assertTrue(!notGreedy.greedyCorrect());
    }

    @Test
    void twoChoicesAreStillScoredByArgmax() {
        ScoreRow r = score(List.of(choice(0, true, -1, false), choice(1, false, -3, false)));
        assertEquals(1.0, r.acc());
        assertEquals(1.0 / (1 + Math.exp(-2)), r.pChoicesCorrect(), 1e-15);
    }

    @Test
    void derivedScoresComeFromTheirSourceColumn() {
        ScoreRow r = score(List.of(choice(0, true, -1, false), choice(1, false, -3, false), choice(2, false, -2, false)));
        assertEquals(1.0, Score.NEG_LOG_P_VOCAB_CORRECT.of(r));
        assertEquals("log_p_vocab_correct", Score.NEG_LOG_P_VOCAB_CORRECT.sourceColumn());
        assertEquals(Math.log(r.pVocabChoices()), Score.LOG_P_VOCAB_CHOICES.of(r));
        assertEquals(-Math.log(r.pVocabIncorrect()), Score.NEG_LOG_P_VOCAB_INCORRECT.of(r));
        assertEquals(Math.log(r.pChoicesCorrect()), Score.LOG_P_CHOICES_CORRECT.of(r));
        assertEquals(-Math.log(r.pChoicesCorrect()), Score.NEG_LOG_P_CHOICES_CORRECT.of(r));
        assertEquals(1 - r.pChoicesCorrect(), Score.P_CHOICES_INCORRECT.of(r));
        for (Score s : Score.values()) {
            assertEquals(s.of(r), s.fromSource(Score.fromColumn(s.sourceColumn()).of(r)), s.column());
            assertEquals(s == Score.BRIER || s == Score.TC_BRIER, s.lowerIsBetter(), "only the Brier scores are negated, as in the paper");
        }
    }

    @Test
    void perChoiceProbabilitiesAgreeWithTheScoresOfTheGoldChoice() {
        List<ChoiceRow> rows = List.of(choice(2, false, -2, false), choice(0, true, -1, false), choice(1, false, -3, false));
        List<ChoiceProbabilities.ChoiceProbability> p = ChoiceProbabilities.of(rows);
        assertEquals(List.of(0, 1, 2), p.stream().map(ChoiceProbabilities.ChoiceProbability::choice).toList());
        ScoreRow s = score(rows);
        assertEquals(s.pChoicesCorrect(), p.get(0).pChoices());
        assertEquals(s.pVocabCorrect(), p.get(0).pVocab());
        assertEquals(1.0, p.stream().mapToDouble(ChoiceProbabilities.ChoiceProbability::pChoices).sum(), 1e-15);
        assertEquals(Math.exp(-3), p.get(1).pVocab());
        assertTrue(Double.isNaN(ChoiceProbabilities.of(List.of(choice(0, true, -2, true))).get(0).pChoices()));
    }
}
