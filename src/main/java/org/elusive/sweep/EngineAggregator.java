package org.elusive.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.elusive.catalog.Families;
import org.elusive.catalog.ScalingSet;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.ScalingSets;
import org.elusive.correlate.Slice;
import org.elusive.correlate.Method;
import org.elusive.correlate.Summaries;
import org.elusive.plot.CorrelationPlots;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.CorrelationRow;
import org.elusive.store.GroupCache;
import org.elusive.store.ScoreGroups;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;
import org.elusive.transform.Score;
import org.elusive.transform.Scores;

/**
 * Rebuilds {@code scores.parquet}, {@code correlations.parquet},
 * {@code correlations_summary.parquet} and the correlation figures
 * ({@code figures/correlations_<task>_<method>.png|svg}) from every completed unit. Each unit's scores are computed
 * once and cached next to it ({@code <task>.scores.parquet}, dropped when the unit is redone), so
 * an update reads one row per doc instead of re-scoring every choice.
 */
public final class EngineAggregator implements Aggregator {
    private final Path modelsDir;
    private final List<String> sets;

    /** Correlations across the registry's scaling sets the sweep has completed, else across its family. */
    public EngineAggregator() { this(null, List.of()); }

    /**
     * @param modelsDir the registries with the scaling sets (null: the default models/)
     * @param sets      sets to correlate across, each once a task has all its checkpoints (empty: the default
     *                  of {@code correlate}, every set the table covers, else the family)
     */
    public EngineAggregator(Path modelsDir, List<String> sets) {
        this.modelsDir = modelsDir;
        this.sets = List.copyOf(sets);
    }

    static Path scoresCache(Path unitFile) {
        String n = unitFile.getFileName().toString();
        return unitFile.resolveSibling(n.substring(0, n.length() - ".parquet".length()) + ".scores.parquet");
    }

    /** Where each (family, task)'s correlations are kept under the digest of their inputs (see {@link GroupCache}). */
    static Path groupCache(Path outDir) { return outDir.resolve(".cache").resolve("correlations"); }

    @Override public String update(Path outDir, List<Path> unitFiles) throws Exception {
        List<Path> caches = new ArrayList<>();
        for (Path unit : unitFiles) caches.add(unitScores(unit));
        Path scoresFile = outDir.resolve("scores.parquet");
        concat(caches, scoresFile);
        Correlations.Incremental inc;
        try (ScoreGroups table = ScoreGroups.open(scoresFile)) { // one (set or family, task) in memory at a time
            Families registry = modelsDir == null ? Families.load() : Families.load(modelsDir);
            List<ScalingSet> chosen = sets.isEmpty() ? registry.sets() : sets.stream().map(registry::set).toList();
            List<Slice> slices = ScalingSets.select(ScalingSets.checkpoints(table), ScalingSets.families(table), chosen,
                    sets.isEmpty() ? ScalingSets.Mode.DEFAULT : ScalingSets.Mode.COMPLETE);
            inc = Correlations.compute(table, slices, Method.ALL, Score.DEFAULTS, false, GroupCache.in(groupCache(outDir)));
        }
        List<CorrelationRow> correlations = inc.rows();
        Tables.writeCorrelations(outDir.resolve("correlations.parquet"), correlations, TableFormat.PARQUET);
        Tables.writeSummaries(outDir.resolve("correlations_summary.parquet"), Summaries.of(correlations), TableFormat.PARQUET);
        writeFigures(correlations, outDir.resolve("figures"));
        return inc.computed() + " groups correlated, " + inc.reused() + " unchanged";
    }

    /** The correlation figures, drawn into a scratch directory and renamed into place one by one. */
    private static void writeFigures(List<CorrelationRow> correlations, Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Path scratch = Files.createTempDirectory(dir, AtomicFiles.TMP_PREFIX);
        try {
            CorrelationPlots.write(correlations, scratch);
            try (var files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.move(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            UnitStore.deleteTree(scratch);
        }
    }

    /** The unit's scores file, computed from its choices when missing or older than the unit. */
    private static Path unitScores(Path unit) throws java.io.IOException {
        Path cache = scoresCache(unit);
        if (Files.exists(cache) && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(unit)) >= 0) {
            return cache;
        }
        List<ChoiceRow> choices = new ArrayList<>();
        Tables.forEachChoice(unit, false, choices::add);
        Tables.writeScores(cache, Scores.compute(choices, unit.toString()), TableFormat.PARQUET);
        return cache;
    }

    /** One scores table from the per-unit files (see {@link Tables#concatScores}), replaced atomically. */
    static void concat(List<Path> files, Path target) {
        // spill next to the target (not into ./.tmp of whatever the working directory is), where a rerun sweeps it
        AtomicFiles.write(target, tmp -> Tables.concatScores(files, tmp, tmp.resolveSibling(AtomicFiles.TMP_PREFIX + "duckdb")));
    }
}
