package org.elusive.forecast;

import java.nio.file.Path;
import java.util.List;
import org.elusive.store.RawTable;
import org.elusive.store.TableFormat;

/** The forecast's tables, written through the store's one writer (Parquet, CSV or JSONL). */
public final class ForecastTables {
    private ForecastTables() {}

    public static final List<String> PREDICTION_COLUMNS = List.of("set", "benchmark", "model", "revision", "compute", "method",
            "acc_pred", "acc", "brier_pred", "brier", "p_choices_correct_pred", "p_choices_correct");
    public static final List<String> SUMMARY_COLUMNS = List.of("set", "benchmark", "method", "n", "mae_acc", "mae_brier",
            "mae_p_choices_correct");
    public static final List<String> FIT_COLUMNS = List.of("set", "benchmark", "compute", "method", "acc", "brier",
            "p_choices_correct", "train_checkpoints", "max_train_compute");

    public static void writePredictions(Path out, TableFormat f, List<Backtest.Row> rows) {
        RawTable.write(out, f, PREDICTION_COLUMNS, rows.stream().map(r -> new Object[] {r.set(), r.benchmark(), r.model(),
                r.revision(), r.compute(), r.method(), r.accPred(), r.acc(), r.brierPred(), r.brier(), r.pCorrectPred(),
                r.pCorrect()}).toList());
    }

    public static void writeSummary(Path out, TableFormat f, List<Backtest.SummaryRow> rows) {
        RawTable.write(out, f, SUMMARY_COLUMNS, rows.stream().map(r -> new Object[] {r.set(), r.benchmark(), r.method(),
                r.n(), r.maeAcc(), r.maeBrier(), r.maePCorrect()}).toList());
    }

    public static void writeFit(Path out, TableFormat f, List<FitAt.Row> rows) {
        RawTable.write(out, f, FIT_COLUMNS, rows.stream().map(r -> new Object[] {r.set(), r.benchmark(), r.compute(), r.method(),
                r.acc(), r.brier(), r.pCorrect(), r.trainCheckpoints(), r.maxTrainCompute()}).toList());
    }
}
