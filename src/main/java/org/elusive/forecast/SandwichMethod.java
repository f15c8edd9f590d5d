package org.elusive.forecast;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.core.BadInputException;
import java.util.Set;
import org.elusive.emergence.DifficultyGroups;
import org.elusive.emergence.ForecastOptions;
import org.elusive.emergence.GroupColumns;
import org.elusive.emergence.SliceAndSandwich;
import org.elusive.emergence.Table;

/**
 * Method {@code slice_and_sandwich}: Wu &amp; Lo's forecast run by {@code emergence/} unchanged, on
 * difficulty groups measured on the training checkpoints only. The emergence threshold is placed
 * between the last training compute and the first held-out one (their geometric mean), so that the
 * paper's "below the threshold" (strict) and the grouping's "at or below" both select exactly the
 * training split. The paper's settings: 10 groups, the easy (first) and hard (last) group, degrees 5
 * and 2, calibration; the random guess is the benchmark's chance accuracy.
 */
final class SandwichMethod {
    static final String NAME = "slice_and_sandwich";
    static final int GROUPS = 10;
    /** The degree-5 polynomial of the easy group needs more points than its 6 coefficients. */
    static final int MIN_TRAIN = 7;

    private SandwichMethod() {}

    static List<Forecast> forecast(Panel p, Split s, double[] xs, List<String> notes) {
        int nTrain = s.trainIndices().length;
        if (nTrain < MIN_TRAIN || p.docs() < GROUPS) {
            notes.add(NAME + " not run on " + p.set() + "/" + p.benchmark() + ": " + nTrain + " training checkpoints and "
                    + p.docs() + " docs (it needs " + MIN_TRAIN + " and " + GROUPS + ")");
            return List.of();
        }
        try {
            double threshold = Math.log10(thresholdCompute(p, s) / 1e21);
            Table scores = scoresTable(p);
            Table.Builder groups = DifficultyGroups.compute(scores,
                    new DifficultyGroups.Options(threshold, GROUPS, false, Set.of(), DifficultyGroups.TieOrder.AUTO));
            Table model = asTable(scores.source(), groups);
            List<String> cols = GroupColumns.groups(model);
            List<GroupColumns.ModelPoint> points = GroupColumns.points(model, List.of(cols.get(0), cols.get(cols.size() - 1)), Set.of());
            SliceAndSandwich.Result r = SliceAndSandwich.forecast(points, 0, 1, ForecastOptions.paper(threshold, p.chance()));
            Forecast f = Forecast.empty(NAME, xs.length);
            for (int i = 0; i < xs.length; i++) f.acc()[i] = r.accLaw(xs[i] - 21); // its x is log10(FLOPs / 1e21)
            return List.of(f);
        } catch (BadInputException e) {   // too few models below the threshold, a fit without data: this method only
            notes.add(NAME + " not run on " + p.set() + "/" + p.benchmark() + ": " + e.getMessage());
            return List.of();
        }
    }

    private static double thresholdCompute(Panel p, Split s) {
        double last = p.checkpoints().get(s.lastTrain()).compute();
        int[] test = s.testIndices();
        return test.length == 0 ? last * 1.01 : Math.sqrt(last * p.checkpoints().get(test[0]).compute());
    }

    /** The panel as the scores table the grouping reads: one row per (checkpoint, doc), TC Brier from p_choices(correct). */
    private static Table scoresTable(Panel p) {
        List<String> columns = List.of("family", "model", "revision", "compute", "task", "doc_id", "tc_brier", "acc");
        List<String[]> rows = new ArrayList<>();
        for (int j = 0; j < p.checkpoints().size(); j++) {
            Panel.Checkpoint c = p.checkpoints().get(j);
            for (int d = 0; d < p.docs(); d++) {
                double tc = (p.pCorrect()[j][d] - 1) * (p.pCorrect()[j][d] - 1);
                rows.add(new String[] {p.set(), c.model(), c.revision(), Double.toString(c.compute()), p.benchmark(),
                        Long.toString(p.docIds()[d]), Double.toString(tc), Double.toString(p.acc()[j][d])});
            }
        }
        return new Table(Path.of(p.set(), p.benchmark()), columns, rows);
    }

    private static Table asTable(Path source, Table.Builder b) {
        List<String[]> rows = new ArrayList<>();
        for (Object[] r : b.rows()) {
            String[] cells = new String[r.length];
            for (int i = 0; i < r.length; i++) cells[i] = r[i] == null ? "" : r[i].toString();
            rows.add(cells);
        }
        return new Table(source, b.columns(), rows);
    }
}
