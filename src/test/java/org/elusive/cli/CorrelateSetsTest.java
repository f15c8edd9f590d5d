package org.elusive.cli;

import static org.elusive.Golden.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.elusive.CliRun;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.CorrelationSummaryRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code correlate --sets} on the toy registry of make_elusive_sets_fixture.py: selection, defaults, bad input. */
class CorrelateSetsTest {
    static final Path SCORES = resource("elusive_sets/scores.csv"), MODELS = resource("elusive_sets/models");

    @TempDir Path dir;

    @Test
    void namedSetsCoexistInOneTableAndTheFamilyColumnIsTheSet() {
        Path out = dir.resolve("corr.parquet"), summary = dir.resolve("summary.csv");
        CliRun r = CliRun.run("correlate", "--input", SCORES.toString(), "--out", out.toString(), "--summary", summary.toString(),
                "--models-dir", MODELS.toString(), "--sets", "TOY_S_DATA,TOY_16_PARAMS", "--scores", "log_p_vocab_correct",
                "--methods", "spearman");
        assertEquals(0, r.code(), r.err());
        List<CorrelationRow> rows = Tables.readCorrelations(out);
        assertEquals(Set.of("TOY_S_DATA", "TOY_16_PARAMS"), rows.stream().map(CorrelationRow::family).collect(Collectors.toSet()));
        assertEquals(2 * 3 * 12, rows.size()); // sets × tasks × docs
        // the data-scaling set uses the 5 checkpoints of toy-s with compute (step0 has none), the parameter-scaling set 3 sizes
        assertEquals(Set.of(5), rows.stream().filter(c -> c.family().equals("TOY_S_DATA")).map(CorrelationRow::nModels).collect(Collectors.toSet()));
        assertEquals(Set.of(3), rows.stream().filter(c -> c.family().equals("TOY_16_PARAMS")).map(CorrelationRow::nModels).collect(Collectors.toSet()));
        List<CorrelationSummaryRow> s = Tables.readSummaries(summary);
        assertEquals(2 * 3, s.size());
        assertTrue(s.stream().allMatch(x -> x.n() == 12 && Math.abs(x.fracNan() - x.nNan() / 12.0) < 1e-15), s.toString());
    }

    @Test
    void defaultIsEverySetTheTableCoversAndDropMissingKeepsPartialDocs() {
        Path out = dir.resolve("corr.csv");
        CliRun r = CliRun.run("correlate", "--input", SCORES.toString(), "--out", out.toString(), "--models-dir", MODELS.toString(),
                "--scores", "log_p_vocab_correct", "--methods", "pearson", "--drop-missing");
        assertEquals(0, r.code(), r.err());
        List<CorrelationRow> rows = Tables.readCorrelations(out);
        assertEquals(new TreeSet<>(List.of("TOY_16_PARAMS", "TOY_ALL", "TOY_M_EARLY", "TOY_S_DATA")),
                rows.stream().map(CorrelationRow::family).collect(Collectors.toCollection(TreeSet::new)));
        CorrelationRow partial = rows.stream().filter(c -> c.family().equals("TOY_ALL") && c.docId() == 5 && c.task().equals("mc4"))
                .findFirst().orElseThrow();
        assertEquals(14, partial.nModels()); // 15 checkpoints with compute, one lacks doc 5
        assertTrue(!Double.isNaN(partial.correlation()), "--drop-missing correlates over the checkpoints that have the doc");
    }

    @Test
    void withoutSetsInTheRegistryTheFamiliesAreTheGroups() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models")), out = dir.resolve("corr.csv");
        String yaml = Files.readString(MODELS.resolve("toy.yaml"));
        Files.writeString(models.resolve("toy.yaml"), yaml.substring(0, yaml.indexOf("sets:")));
        CliRun r = CliRun.run("correlate", "--input", SCORES.toString(), "--out", out.toString(), "--models-dir", models.toString(),
                "--scores", "acc", "--methods", "kendall");
        assertEquals(0, r.code(), r.err());
        assertEquals(Set.of("toy"), Tables.readCorrelations(out).stream().map(CorrelationRow::family).collect(Collectors.toSet()));
    }

    @Test
    void anUnknownSetExitsTwoNamingIt() {
        CliRun r = CliRun.run("correlate", "--input", SCORES.toString(), "--out", dir.resolve("c.csv").toString(),
                "--models-dir", MODELS.toString(), "--sets", "TOY_S_DATA,PYTHIA_NOPE");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown scaling set 'PYTHIA_NOPE'") && r.err().contains("TOY_ALL"), r.err());
    }

    @Test
    void aSetWhoseCheckpointsTheTableLacksExitsTwoNamingThem() throws Exception {
        Path partial = dir.resolve("partial.csv");
        List<String> lines = Files.readAllLines(SCORES);
        Files.write(partial, lines.stream().filter(l -> !l.contains(",toy/toy-l,step16,") && !l.contains(",toy/toy-m,step16,")).toList());
        CliRun r = CliRun.run("correlate", "--input", partial.toString(), "--out", dir.resolve("c.csv").toString(),
                "--models-dir", MODELS.toString(), "--sets", "TOY_16_PARAMS");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("scaling set TOY_16_PARAMS") && r.err().contains("lacks 2 of its checkpoints")
                && r.err().contains("toy/toy-m@step16, toy/toy-l@step16"), r.err());

        Path none = dir.resolve("none.csv");
        Files.write(none, lines.stream().filter(l -> !l.contains(",step16,")).toList());
        r = CliRun.run("correlate", "--input", none.toString(), "--out", dir.resolve("c.csv").toString(),
                "--models-dir", MODELS.toString(), "--sets", "TOY_16_PARAMS");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("the table has none of its 3 checkpoints: toy/toy-s@step16, toy/toy-m@step16, toy/toy-l@step16"), r.err());
    }

    @Test
    void sweepRefusesAnUnknownSetBeforeAnyUnitRuns() {
        CliRun r = CliRun.run("sweep", "--family", "toy", "--tasks", "arc_easy", "--models-dir", MODELS.toString(),
                "--out", dir.resolve("sweep").toString(), "--sets", "TOY_ALL,NOPE");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown scaling set 'NOPE'"), r.err());
    }

    @Test
    void plotCorrelationsDrawsTheNamedSetsOnly() throws Exception {
        Path corr = dir.resolve("corr.parquet"), figs = dir.resolve("figs");
        assertEquals(0, CliRun.run("correlate", "--input", SCORES.toString(), "--out", corr.toString(), "--models-dir", MODELS.toString(),
                "--scores", "log_p_vocab_correct,acc", "--methods", "spearman").code());
        CliRun r = CliRun.run("plot", "correlations", "--input", corr.toString(), "--out", figs.toString(), "--sets", "TOY_S_DATA,TOY_ALL");
        assertEquals(0, r.code(), r.err());
        String drawn;
        try (var files = Files.list(figs)) {
            drawn = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.joining(" "));
        }
        assertTrue(drawn.contains("correlations_mc4_spearman.png"), drawn);
        try (var files = Files.list(figs)) {
            for (Path csv : files.filter(f -> f.getFileName().toString().matches("correlations_.*\\.csv")).toList()) {
                String text = Files.readString(csv);
                assertTrue(text.contains("TOY_S_DATA") && !text.contains("TOY_16_PARAMS"), csv + "\n" + text);
            }
        }
        r = CliRun.run("plot", "correlations", "--input", corr.toString(), "--out", figs.toString(), "--sets", "NOPE");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--sets NOPE: not in the correlations table") && r.err().contains("TOY_M_EARLY"), r.err());
    }

    /** plot masses/stages --sets draw the sets' checkpoints under the sets' names; an unknown set is exit 2. */
    @Test
    void massAndStageFiguresDrawTheNamedSets() throws Exception {
        Path figs = dir.resolve("mass");
        CliRun r = CliRun.run("plot", "masses", "--input", SCORES.toString(), "--out", figs.toString(), "--models-dir", MODELS.toString(),
                "--sets", "TOY_S_DATA,TOY_ALL", "--min-compute", "0");
        assertEquals(0, r.code(), r.err());
        String csv = Files.readString(figs.resolve("mass_mc4.csv"));
        assertTrue(csv.contains("TOY_S_DATA") && csv.contains("TOY_ALL") && !csv.contains("TOY_16_PARAMS"), csv);
        r = CliRun.run("plot", "stages", "--input", SCORES.toString(), "--out", figs.toString(), "--models-dir", MODELS.toString(),
                "--sets", "NOPE");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("NOPE"), r.err());
    }

    /**
     * forecast --sets: the registry's named sets are the forecast's sets (a checkpoint in two sets is in both
     * panels); a mix with family names is exit 2.
     */
    @Test
    void forecastTakesScalingSets() throws Exception {
        var registry = org.elusive.catalog.Families.load(MODELS);
        var sets = registry.sets().stream().filter(x -> List.of("TOY_ALL", "TOY_S_DATA").contains(x.name())).toList();
        var panels = org.elusive.forecast.Panels.fromScores(SCORES, org.elusive.forecast.ScalingSets.named(sets));
        assertEquals(List.of("TOY_ALL", "TOY_S_DATA"), panels.stream().map(p -> p.set()).distinct().sorted().toList());
        var sData = panels.stream().filter(p -> p.set().equals("TOY_S_DATA")).findFirst().orElseThrow();
        assertTrue(sData.checkpoints().stream().allMatch(c -> c.model().equals("toy/toy-s")), sData.checkpoints().toString());
        var all = panels.stream().filter(p -> p.set().equals("TOY_ALL") && p.benchmark().equals(sData.benchmark())).findFirst().orElseThrow();
        assertTrue(all.checkpoints().size() > sData.checkpoints().size());
        // the toy set is too small for Slice-and-Sandwich: a note, and the other method still forecasts
        CliRun r = CliRun.run("forecast", "backtest", "--scores", SCORES.toString(), "--models-dir", MODELS.toString(),
                "--sets", "TOY_ALL", "--holdout-largest", "1", "--out", dir.resolve("forecast").toString(), "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("note: slice_and_sandwich not run on TOY_ALL/"), r.err());
        String predictions = Files.readString(dir.resolve("forecast").resolve("predictions.csv"));
        assertTrue(predictions.contains("TOY_ALL") && predictions.contains("acc_sigmoid"), predictions);
        r = CliRun.run("forecast", "backtest", "--scores", SCORES.toString(), "--models-dir", MODELS.toString(),
                "--sets", "TOY_ALL,toy", "--holdout-largest", "1", "--out", dir.resolve("forecast").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("[toy] are not scaling sets"), r.err());
    }
}
