package org.elusive.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.elusive.core.BadInputException;
import org.elusive.rows.ScoreRow;

/**
 * The per-sample scores that can be correlated with compute: the columns of the scores table
 * (docs/design.md §3.2), and scores derived from one of them as the Elusive paper's
 * {@code extract_per_metric_per_sample_results_from_df} derives them (negative log forms, the
 * choice-normalised mass on the incorrect choices). A derived score is computed from its source column
 * when it is read, so the scores table stays as it is. Only {@code brier} and {@code tc_brier} are
 * negated before correlating, as the paper negates only its Brier score: a {@code neg_log_*} score
 * correlates with compute exactly as the negation of its log form.
 */
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
    GREEDY_CORRECT("greedy_correct", false, r -> r.greedyCorrect() ? 1 : 0),
    /** The paper's neg_log_prob_vocab_correct: -log p_vocab(correct). */
    NEG_LOG_P_VOCAB_CORRECT("neg_log_p_vocab_correct", LOG_P_VOCAB_CORRECT, v -> -v),
    /** log Σ_i p_vocab(choice i) (the paper's log_prob_vocab_choices) and its negation. */
    LOG_P_VOCAB_CHOICES("log_p_vocab_choices", P_VOCAB_CHOICES, Math::log),
    NEG_LOG_P_VOCAB_CHOICES("neg_log_p_vocab_choices", P_VOCAB_CHOICES, v -> -Math.log(v)),
    /** log Σ_{i≠t} p_vocab(choice i) (the paper's log_prob_vocab_incorrect) and its negation. */
    LOG_P_VOCAB_INCORRECT("log_p_vocab_incorrect", P_VOCAB_INCORRECT, Math::log),
    NEG_LOG_P_VOCAB_INCORRECT("neg_log_p_vocab_incorrect", P_VOCAB_INCORRECT, v -> -Math.log(v)),
    /** log p_choices(correct) (the paper's log_prob_choices_correct) and its negation. */
    LOG_P_CHOICES_CORRECT("log_p_choices_correct", P_CHOICES_CORRECT, Math::log),
    NEG_LOG_P_CHOICES_CORRECT("neg_log_p_choices_correct", P_CHOICES_CORRECT, v -> -Math.log(v)),
    /** The choice-normalised probability mass on the incorrect choices, 1 - p_choices(correct). */
    P_CHOICES_INCORRECT("p_choices_incorrect", P_CHOICES_CORRECT, v -> 1 - v);

    /** The nine scores correlated by default (the stages of the Elusive paper plus accuracies). */
    public static final List<Score> DEFAULTS = List.of(LOG_P_VOCAB_CORRECT, P_VOCAB_CORRECT, P_VOCAB_CHOICES,
            P_VOCAB_INCORRECT, P_CHOICES_CORRECT, BRIER, TC_BRIER, ACC, ACC_NORM);

    private final String column;
    private final boolean lowerIsBetter;
    private final Score source;
    private final DoubleUnaryOperator derive;
    private final ToDoubleFunction<ScoreRow> getter;

    Score(String column, boolean lowerIsBetter, ToDoubleFunction<ScoreRow> getter) {
        this.column = column;
        this.lowerIsBetter = lowerIsBetter;
        this.source = null;
        this.derive = DoubleUnaryOperator.identity();
        this.getter = getter;
    }

    Score(String column, Score source, DoubleUnaryOperator derive) {
        this.column = column;
        this.lowerIsBetter = false;
        this.source = source;
        this.derive = derive;
        this.getter = r -> derive.applyAsDouble(source.of(r));
    }

    /** The column name in the scores table and the {@code score} value in the correlations table. */
    public String column() { return column; }

    public boolean lowerIsBetter() { return lowerIsBetter; }

    /** The scores-table column this score is read from: its own, or that of the score it is derived from. */
    public String sourceColumn() { return source == null ? column : source.column; }

    /** The value of {@link #sourceColumn()} in a row. */
    public double sourceOf(ScoreRow row) { return source == null ? of(row) : source.of(row); }

    /** This score from a value of {@link #sourceColumn()}. */
    public double fromSource(double v) { return derive.applyAsDouble(v); }

    public double of(ScoreRow row) { return getter.applyAsDouble(row); }

    /** The value oriented so that larger is better (lower-is-better scores negated; never -0.0). */
    public double oriented(ScoreRow row) { return orient(of(row)); }

    /** A value of this score oriented for correlating: lower-is-better scores negated (never -0.0). */
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
