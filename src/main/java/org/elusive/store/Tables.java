package org.elusive.store;

import static org.elusive.store.Column.Type.BIGINT;
import static org.elusive.store.Column.Type.BOOLEAN;
import static org.elusive.store.Column.Type.DOUBLE;
import static org.elusive.store.Column.Type.FLOAT_LIST;
import static org.elusive.store.Column.Type.INTEGER;
import static org.elusive.store.Column.Type.VARCHAR;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.elusive.core.BadInputException;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.ScoreRow;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.CorrelationSummaryRow;

/**
 * Reading and writing the tables of docs/design.md §3 in Parquet, CSV or JSON lines. Reads pick the format
 * from the file extension; writes are atomic (temporary file + rename). In CSV, {@code token_logprobs}
 * is the text of the list, e.g. {@code "[-1.25, -0.5]"}.
 */
public final class Tables {
    private Tables() {}

    public static final List<String> CHOICE_COLUMNS = List.of("family", "model", "revision", "params", "tokens",
            "compute", "task", "doc_id", "choice", "gold", "logprob", "n_tokens", "n_chars", "n_bytes", "greedy",
            "token_logprobs");
    /** Columns a choices table must have: all but the optional {@code token_logprobs}. */
    public static final List<String> CHOICE_REQUIRED = CHOICE_COLUMNS.subList(0, CHOICE_COLUMNS.size() - 1);

    public static final List<String> SCORE_COLUMNS = List.of("family", "model", "revision", "params", "tokens",
            "compute", "task", "doc_id", "n_choices", "gold_index", "log_p_vocab_correct", "p_vocab_correct",
            "p_vocab_choices", "p_vocab_incorrect", "p_choices_correct", "brier", "tc_brier", "acc", "acc_norm",
            "greedy_correct");

    public static final List<String> CORRELATION_COLUMNS = List.of("family", "task", "doc_id", "score", "method",
            "correlation", "p_value", "n_models");

    public static final List<String> SUMMARY_COLUMNS = List.of("family", "task", "score", "method", "n", "n_nan",
            "frac_nan", "mean", "median", "std", "var", "skew", "kurtosis", "auc", "auc_max",
            "wasserstein_1", "wasserstein_minus_1", "wasserstein_min", "energy_1", "energy_minus_1", "energy_min",
            "ks_1", "ks_minus_1", "ks_min", "std_ddof1", "skew_adjusted", "kurtosis_adjusted", "survival_area");

    private static final List<Column<ChoiceRow>> CHOICES = List.of(
            Column.of("family", VARCHAR, ChoiceRow::family), Column.of("model", VARCHAR, ChoiceRow::model),
            Column.of("revision", VARCHAR, ChoiceRow::revision), Column.of("params", BIGINT, ChoiceRow::params),
            Column.of("tokens", DOUBLE, ChoiceRow::tokens), Column.of("compute", DOUBLE, ChoiceRow::compute),
            Column.of("task", VARCHAR, ChoiceRow::task), Column.of("doc_id", BIGINT, ChoiceRow::docId),
            Column.of("choice", INTEGER, ChoiceRow::choice), Column.of("gold", BOOLEAN, ChoiceRow::gold),
            Column.of("logprob", DOUBLE, ChoiceRow::logprob), Column.of("n_tokens", INTEGER, ChoiceRow::nTokens),
            Column.of("n_chars", INTEGER, ChoiceRow::nChars), Column.of("n_bytes", INTEGER, ChoiceRow::nBytes),
            Column.of("greedy", BOOLEAN, ChoiceRow::greedy), Column.of("token_logprobs", FLOAT_LIST, ChoiceRow::tokenLogprobs));

    static final List<Column<ScoreRow>> SCORES = List.of(
            Column.of("family", VARCHAR, ScoreRow::family), Column.of("model", VARCHAR, ScoreRow::model),
            Column.of("revision", VARCHAR, ScoreRow::revision), Column.of("params", BIGINT, ScoreRow::params),
            Column.of("tokens", DOUBLE, ScoreRow::tokens), Column.of("compute", DOUBLE, ScoreRow::compute),
            Column.of("task", VARCHAR, ScoreRow::task), Column.of("doc_id", BIGINT, ScoreRow::docId),
            Column.of("n_choices", INTEGER, ScoreRow::nChoices), Column.of("gold_index", INTEGER, ScoreRow::goldIndex),
            Column.of("log_p_vocab_correct", DOUBLE, ScoreRow::logPVocabCorrect),
            Column.of("p_vocab_correct", DOUBLE, ScoreRow::pVocabCorrect),
            Column.of("p_vocab_choices", DOUBLE, ScoreRow::pVocabChoices),
            Column.of("p_vocab_incorrect", DOUBLE, ScoreRow::pVocabIncorrect),
            Column.of("p_choices_correct", DOUBLE, ScoreRow::pChoicesCorrect),
            Column.of("brier", DOUBLE, ScoreRow::brier), Column.of("tc_brier", DOUBLE, ScoreRow::tcBrier),
            Column.of("acc", DOUBLE, ScoreRow::acc), Column.of("acc_norm", DOUBLE, ScoreRow::accNorm),
            Column.of("greedy_correct", BOOLEAN, ScoreRow::greedyCorrect));

    private static final List<Column<CorrelationRow>> CORRELATIONS = List.of(
            Column.of("family", VARCHAR, CorrelationRow::family), Column.of("task", VARCHAR, CorrelationRow::task),
            Column.of("doc_id", BIGINT, CorrelationRow::docId), Column.of("score", VARCHAR, CorrelationRow::score),
            Column.of("method", VARCHAR, CorrelationRow::method),
            Column.of("correlation", DOUBLE, CorrelationRow::correlation),
            Column.of("p_value", DOUBLE, CorrelationRow::pValue), Column.of("n_models", INTEGER, CorrelationRow::nModels));

    private static final List<Column<CorrelationSummaryRow>> SUMMARIES = List.of(
            Column.of("family", VARCHAR, CorrelationSummaryRow::family),
            Column.of("task", VARCHAR, CorrelationSummaryRow::task),
            Column.of("score", VARCHAR, CorrelationSummaryRow::score),
            Column.of("method", VARCHAR, CorrelationSummaryRow::method),
            Column.of("n", BIGINT, CorrelationSummaryRow::n), Column.of("n_nan", BIGINT, CorrelationSummaryRow::nNan),
            Column.of("frac_nan", DOUBLE, CorrelationSummaryRow::fracNan),
            Column.of("mean", DOUBLE, CorrelationSummaryRow::mean), Column.of("median", DOUBLE, CorrelationSummaryRow::median),
            Column.of("std", DOUBLE, CorrelationSummaryRow::std), Column.of("var", DOUBLE, CorrelationSummaryRow::var),
            Column.of("skew", DOUBLE, CorrelationSummaryRow::skew), Column.of("kurtosis", DOUBLE, CorrelationSummaryRow::kurtosis),
            Column.of("auc", DOUBLE, CorrelationSummaryRow::auc), Column.of("auc_max", DOUBLE, CorrelationSummaryRow::aucMax),
            Column.of("wasserstein_1", DOUBLE, CorrelationSummaryRow::wasserstein1),
            Column.of("wasserstein_minus_1", DOUBLE, CorrelationSummaryRow::wassersteinMinus1),
            Column.of("wasserstein_min", DOUBLE, CorrelationSummaryRow::wassersteinMin),
            Column.of("energy_1", DOUBLE, CorrelationSummaryRow::energy1),
            Column.of("energy_minus_1", DOUBLE, CorrelationSummaryRow::energyMinus1),
            Column.of("energy_min", DOUBLE, CorrelationSummaryRow::energyMin),
            Column.of("ks_1", DOUBLE, CorrelationSummaryRow::ks1), Column.of("ks_minus_1", DOUBLE, CorrelationSummaryRow::ksMinus1),
            Column.of("ks_min", DOUBLE, CorrelationSummaryRow::ksMin),
            Column.of("std_ddof1", DOUBLE, CorrelationSummaryRow::stdDdof1),
            Column.of("skew_adjusted", DOUBLE, CorrelationSummaryRow::skewAdjusted),
            Column.of("kurtosis_adjusted", DOUBLE, CorrelationSummaryRow::kurtosisAdjusted),
            Column.of("survival_area", DOUBLE, CorrelationSummaryRow::survivalArea));

    // ---- choices

    public static List<ChoiceRow> readChoices(Path file) {
        List<ChoiceRow> out = new ArrayList<>();
        forEachChoice(file, true, out::add);
        return out;
    }

    /** Streams a choices table; {@code token_logprobs} is read only if asked for and present. */
    public static void forEachChoice(Path file, boolean tokenLogprobs, Consumer<ChoiceRow> f) {
        try (TableReader r = TableReader.open(file)) {
            boolean lists = tokenLogprobs && r.has("token_logprobs");
            r.scan(lists ? CHOICE_COLUMNS : CHOICE_REQUIRED, row -> f.accept(new ChoiceRow(
                    row.str(0), row.str(1), row.str(2), row.i64(3), row.f64(4), row.f64(5), row.str(6), row.i64(7),
                    row.i32(8), row.bool(9), logprob(row, 10), row.i32(11), row.i32(12), row.i32(13), row.bool(14),
                    lists ? row.floats(15) : null)));
        }
    }

    /** Loads DuckDB's driver and native library now, so that a later write does not wait for them ({@code eval.Warmup}). */
    public static void preload() { Duck.preload(); }

    /**
     * A log-probability is at most 0 (-inf: the model gives the text probability 0). A positive one
     * or NaN comes from a broken model or a hand-edited table, and would make p = exp(logprob)
     * exceed 1 and every probability score derived from it meaningless.
     */
    private static double logprob(TableReader.Row row, int col) {
        double v = row.f64(col);
        if (!(v <= 0)) throw new BadInputException(row.where(col) + ": " + row.text(col) + " is not a log-probability (expected a number <= 0)");
        return v;
    }

    public static void writeChoices(Path file, List<ChoiceRow> rows, TableFormat format) {
        TableWriter.write(file, format, CHOICES, rows);
    }

    // ---- scores

    public static List<ScoreRow> readScores(Path file) {
        List<ScoreRow> out = new ArrayList<>();
        forEachScore(file, out::add);
        return out;
    }

    /** Streams a scores table, validating every value, in file order. */
    public static void forEachScore(Path file, Consumer<ScoreRow> f) {
        try (TableReader r = TableReader.open(file)) {
            r.scan(SCORE_COLUMNS, row -> f.accept(new ScoreRow(row.str(0), row.str(1), row.str(2), row.i64(3),
                    row.f64(4), row.f64(5), row.str(6), row.i64(7), row.i32(8), row.i32(9), row.f64(10), row.f64(11),
                    row.f64(12), row.f64(13), row.f64(14), row.f64(15), row.f64(16), row.f64(17), row.f64(18),
                    row.bool(19))));
        }
    }

    public static void writeScores(Path file, List<ScoreRow> rows, TableFormat format) {
        TableWriter.write(file, format, SCORES, rows);
    }

    /**
     * One Parquet scores table from many (a sweep's per-unit files) in a single DuckDB scan: thousands
     * of units read file by file would dominate a long sweep. Ordered so that the result does not
     * depend on which process or shard finished what first. No parts: an empty table.
     */
    public static void concatScores(List<Path> parts, Path out) { concatScores(parts, out, null); }

    /**
     * As {@link #concatScores(List, Path)}, DuckDB spilling into {@code spill} (null: its default,
     * ./.tmp of the working directory): a sweep spills beside its tables, where a rerun sweeps what a
     * killed run left.
     */
    public static void concatScores(List<Path> parts, Path out, Path spill) {
        if (parts.isEmpty()) {
            writeScores(out, List.of(), TableFormat.PARQUET);
            return;
        }
        String source = parts.stream().map(Duck::literal).collect(Collectors.joining(", ", "read_parquet([", "])"));
        try (Connection c = Duck.open(); Statement st = c.createStatement()) {
            if (spill != null) st.execute("SET temp_directory = " + Duck.literal(spill));
            st.execute("COPY (SELECT " + String.join(", ", SCORE_COLUMNS) + " FROM " + source + " ORDER BY family, params,"
                    + " tokens, model, revision, task, doc_id) TO " + Duck.literal(out) + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + out + ": " + Duck.firstLine(e), e);
        }
    }

    // ---- correlations

    public static List<CorrelationRow> readCorrelations(Path file) {
        return readAll(file, CORRELATION_COLUMNS, row -> new CorrelationRow(row.str(0), row.str(1), row.i64(2),
                row.str(3), row.str(4), row.f64OrNaN(5), row.f64OrNaN(6), row.i32(7)));
    }

    public static void writeCorrelations(Path file, List<CorrelationRow> rows, TableFormat format) {
        TableWriter.write(file, format, CORRELATIONS, rows);
    }

    public static List<CorrelationSummaryRow> readSummaries(Path file) {
        return readAll(file, SUMMARY_COLUMNS, row -> {
            double[] v = new double[SUMMARY_COLUMNS.size() - 6];
            for (int i = 0; i < v.length; i++) v[i] = row.f64OrNaN(i + 6);
            return new CorrelationSummaryRow(row.str(0), row.str(1), row.str(2), row.str(3), row.i64(4), row.i64(5),
                    v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14],
                    v[15], v[16], v[17], v[18], v[19], v[20], v[21]);
        });
    }

    /** Every row of a table, mapped from the given columns in their order. */
    private static <T> List<T> readAll(Path file, List<String> columns, java.util.function.Function<TableReader.Row, T> map) {
        List<T> out = new ArrayList<>();
        try (TableReader r = TableReader.open(file)) {
            r.scan(columns, row -> out.add(map.apply(row)));
        }
        return out;
    }

    public static void writeSummaries(Path file, List<CorrelationSummaryRow> rows, TableFormat format) {
        TableWriter.write(file, format, SUMMARIES, rows);
    }
}
