package org.elusive.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-eval's acc/acc_norm decisions: numpy.argmax semantics on ties and NaN, per-character normalisation. */
class AccuracyTest {

    @Test void firstMaximumWinsATie() {
        assertEquals(new Accuracy(true, true), Accuracy.of(new double[] {-1.0, -1.0}, new int[] {4, 4}, 0));
        assertEquals(new Accuracy(false, false), Accuracy.of(new double[] {-1.0, -1.0}, new int[] {4, 4}, 1));
    }

    @Test void firstNanWinsAsInNumpy() {
        assertEquals(1, Accuracy.argmax(new double[] {-1.0, Double.NaN, 0.0, Double.NaN}));
        assertEquals(0, Accuracy.argmax(new double[] {Double.NaN, 5.0}));
        assertEquals(2, Accuracy.argmax(new double[] {-3.0, -2.0, -1.0}));
    }

    @Test void accNormDividesByCharacters() {
        // choice 1 is less likely in total but more likely per character: -6/12 > -2/2
        Accuracy a = Accuracy.of(new double[] {-2.0, -6.0}, new int[] {2, 12}, 1);
        assertEquals(new Accuracy(false, true), a);
    }

    @Test void rowsInChoiceOrderGiveTheSameAsArrays() {
        List<ChoiceRow> rows = List.of(row(0, -2.0, 2), row(1, -6.0, 12));
        assertEquals(Accuracy.of(new double[] {-2.0, -6.0}, new int[] {2, 12}, 0), Accuracy.of(rows, 0));
    }

    private static ChoiceRow row(int choice, double ll, int chars) {
        return new ChoiceRow("f", "m", "r", 1, 1, 6, "t", 0, choice, choice == 0, ll, 1, chars, chars, false, null);
    }
}
