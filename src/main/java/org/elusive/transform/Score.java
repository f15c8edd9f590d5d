package org.elusive.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.elusive.core.BadInputException;
import org.elusive.rows.ScoreRow;

/** The per-sample scores of the scores table (docs/design.md §3.2) that can be correlated with compute. */
public enum Score {
    LOG_P_VOCAB_CORRECT("log_p_vocab_correct", false, ScoreRow::logPVocabCorrect),
    P_VOCAB_CORRECT("p_vocab_correct", false, ScoreRow::pVocabCorrect),
    P_VOCAB_CHOICES("p_vocab_choices", false, ScoreRow::pVocabChoices),
    P_VOCAB_INCORRECT("p_vocab_incorrect", false, ScoreRow::pVocabIncorrect),
    P_CHOICES_CORRECT("p_choices_correct", false, ScoreRow::pChoicesCorrect),
    BRIER("brier", true, ScoreRow::brier),
    TC_BRIER("tc_brier", true, ScoreRow::tcBrier),
    ACC("acc", false, ScoreRow::acc),
    ACC_NORM("acc_norm", false, ScoreRow::accNorm),
    GREEDY_CORRECT("greedy_correct", false, r -> r.greedyCorrect() ? 1 : 0);

    /** The nine scores correlated by default (the stages of the Elusive paper plus accuracies). */
    public static final List<Score> DEFAULTS = List.of(LOG_P_VOCAB_CORRECT, P_VOCAB_CORRECT, P_VOCAB_CHOICES,
            P_VOCAB_INCORRECT, P_CHOICES_CORRECT, BRIER, TC_BRIER, ACC, ACC_NORM);

    private final String column;
    private final boolean lowerIsBetter;
    private final ToDoubleFunction<ScoreRow> getter;

    Score(String column, boolean lowerIsBetter, ToDoubleFunction<ScoreRow> getter) {
        this.column = column;
        this.lowerIsBetter = lowerIsBetter;
        this.getter = getter;
    }

    /** The column name in the scores table and the {@code score} value in the correlations table. */
    public String column() { return column; }

    public boolean lowerIsBetter() { return lowerIsBetter; }

    public double of(ScoreRow row) { return getter.applyAsDouble(row); }

    /** The value oriented so that larger is better (lower-is-better scores negated; never -0.0). */
    public double oriented(ScoreRow row) { return orient(of(row)); }

    /** A value of this score's column oriented so that larger is better. */
    public double orient(double v) { return lowerIsBetter ? -v + 0.0 : v; }

    public static Score fromColumn(String name) {
        for (Score s : values()) if (s.column.equals(name)) return s;
        throw new BadInputException("unknown score '" + name + "' (expected one of "
                + Arrays.stream(values()).map(Score::column).collect(Collectors.joining(", ")) + ")");
    }

    /** A comma-separated list of score columns; null or blank means {@link #DEFAULTS}. */
    public static List<Score> parseList(String csv) {
        if (csv == null || csv.isBlank()) return DEFAULTS;
        List<Score> out = new ArrayList<>();
        for (String s : csv.split(",")) if (!s.isBlank()) out.add(fromColumn(s.trim()));
        return out;
    }
}
