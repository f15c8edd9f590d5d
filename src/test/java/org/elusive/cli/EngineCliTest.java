package org.elusive.cli;

import static org.elusive.CliRun.run;
import org.elusive.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.Golden;
import org.elusive.rows.CorrelationRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `elusive scores` and `elusive correlate` end to end, and their exit codes on bad input. */
class EngineCliTest {
    @TempDir Path dir;

    @Test
    void scoresThenCorrelate() {
        Path choices = Golden.resource("engine/choices.csv");
        Path scores = dir.resolve("scores.parquet"), corr = dir.resolve("corr.csv"), summary = dir.resolve("summary.jsonl");
        assertEquals(0, run("scores", "--input", choices.toString(), "--out", scores.toString()).code());
        assertEquals(710, Tables.readScores(scores).size());
        CliRun r = run("correlate", "--input", scores.toString(), "--out", corr.toString(), "--methods", "kendall,pearson",
                "--scores", "brier,acc", "--summary", summary.toString());
        assertEquals(0, r.code(), r.err());
        List<CorrelationRow> rows = Tables.readCorrelations(corr);
        // 2 tasks × (10 + 10 + 6 docs) × 2 scores × 2 methods
        assertEquals(2 * 26 * 2 * 2, rows.size());
        assertTrue(rows.stream().allMatch(x -> List.of("brier", "acc").contains(x.score()) && !x.method().equals("spearman")));
        assertEquals(3 * 2 * 2 * 2, Tables.readSummaries(summary).size());
    }

    @Test
    void correlateAcceptsAChoicesTable() {
        Path corr = dir.resolve("corr.parquet");
        assertEquals(0, run("correlate", "--input", Golden.resource("engine/choices.csv").toString(), "--out", corr.toString()).code());
        assertEquals(2 * 26 * 9 * 3, Tables.readCorrelations(corr).size());
    }

    /** An eval of unregistered checkpoints has no compute: correlating it would write only NaN, so it is refused. */
    @Test
    void correlateRefusesATableWithoutComputeNamingItsCheckpoints() throws IOException {
        Path f = dir.resolve("nocompute.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Golden.resource("engine/choices.csv")));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            cells[4] = "NaN";
            cells[5] = "NaN";
            lines.set(i, String.join(",", cells));
        }
        Files.write(f, lines);
        Path out = dir.resolve("o.parquet");
        CliRun r = run("correlate", "--input", f.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("checkpoint(s) lack compute") && r.err().contains("alpha-70m@step0"), r.err());
        assertTrue(!Files.exists(out));
    }

    /** One checkpoint without compute would turn its family's correlations into NaN: refused, naming that checkpoint alone. */
    @Test
    void correlateRefusesOneCheckpointWithoutCompute() throws IOException {
        Path f = dir.resolve("onenocompute.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Golden.resource("engine/choices.csv")));
        String header = lines.get(0);
        int model = java.util.Arrays.asList(header.split(",")).indexOf("model");
        int revision = java.util.Arrays.asList(header.split(",")).indexOf("revision");
        String victim = lines.get(1).split(",")[model] + "@" + lines.get(1).split(",")[revision];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if ((cells[model] + "@" + cells[revision]).equals(victim)) {
                cells[5] = "NaN";
                lines.set(i, String.join(",", cells));
            }
        }
        Files.write(f, lines);
        Path out = dir.resolve("o1.parquet");
        CliRun r = run("correlate", "--input", f.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        String family = lines.get(1).split(",")[0];
        assertTrue(r.err().contains("1 of the ") && r.err().contains("checkpoint(s) lack compute (params × tokens is NaN): "
                + victim + "; give `eval --tokens`"), r.err());
        assertTrue(!Files.exists(out));
    }

    @Test
    void missingColumnExits2() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "family,model,revision\np,m,r\n");
        CliRun r = run("scores", "--input", f.toString(), "--out", dir.resolve("o.parquet").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ": missing column 'params'"), r.err());
    }

    @Test
    void nonNumericLogprobExits2() throws IOException {
        Path f = dir.resolve("bad.csv");
        List<String> lines = Files.readAllLines(Golden.resource("engine/choices.csv"));
        String[] cells = lines.get(5).split(",");
        cells[10] = "minus-three";
        lines.set(5, String.join(",", cells));
        Files.write(f, lines);
        CliRun r = run("correlate", "--input", f.toString(), "--out", dir.resolve("o.parquet").toString());
        assertEquals(2, r.code());
        assertEquals("error: " + f + " line 6 column 'logprob': 'minus-three' is not a number", r.err().strip());
    }

    @Test
    void unknownMethodExits2() {
        CliRun r = run("correlate", "--input", Golden.resource("engine/choices.csv").toString(), "--out",
                dir.resolve("o.parquet").toString(), "--methods", "pearson,tau");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown method 'tau' (expected pearson, spearman or kendall)"), r.err());
    }

    @Test
    void emptyFileExits2() throws IOException {
        Path f = dir.resolve("empty.parquet");
        Files.createFile(f);
        CliRun r = run("scores", "--input", f.toString(), "--out", dir.resolve("o.parquet").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ": empty file"), r.err());
    }

    @Test
    void neitherChoicesNorScoresExits2() throws IOException {
        Path f = dir.resolve("other.csv");
        Files.writeString(f, "a,b\n1,2\n");
        CliRun r = run("correlate", "--input", f.toString(), "--out", dir.resolve("o.parquet").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("neither a choices table"), r.err());
    }

    @Test
    void docWithTwoGoldsExits2() throws IOException {
        Path f = dir.resolve("two.csv");
        List<String> lines = Files.readAllLines(Golden.resource("engine/choices.csv")).subList(0, 5);
        lines.replaceAll(l -> l.replace(",false,", ",true,"));
        Files.write(f, lines);
        CliRun r = run("scores", "--input", f.toString(), "--out", dir.resolve("o.parquet").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("alpha/alpha-70m/step0/arc_easy/doc 0: 4 gold choices (expected exactly one)"), r.err());
    }

    @Test
    void importLmEvalThenCorrelate() {
        Path choices = dir.resolve("lm_eval_choices.parquet"), corr = dir.resolve("corr.csv");
        CliRun r = run("import-lm-eval", "--samples", Golden.resource("engine/lm_eval").toString(),
                "--models", Golden.resource("engine/lm_eval_models.csv").toString(), "--out", choices.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(60, Tables.readChoices(choices).size());
        assertEquals(0, run("correlate", "--input", choices.toString(), "--out", corr.toString()).code());
        // two checkpoints: Pearson is ±1 with p = 1, or NaN where a score did not change
        assertTrue(Tables.readCorrelations(corr).stream().filter(c -> c.method().equals("pearson"))
                .allMatch(c -> c.nModels() == 2 && (Double.isNaN(c.correlation()) || Math.abs(c.correlation()) == 1 && c.pValue() == 1)));
    }

    @Test
    void importWithMissingSamplesDirExits2() {
        CliRun r = run("import-lm-eval", "--samples", dir.resolve("nope").toString(),
                "--models", Golden.resource("engine/lm_eval_models.csv").toString(), "--out", dir.resolve("o.parquet").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope: not a directory"), r.err());
    }
    /** A family "p" with step0 and three later checkpoints, a family "solo" with one; docs 0 (2 choices) and 1 (4). */
    static String edgeChoices(double computeOfStep2Doc1) {
        StringBuilder b = new StringBuilder(String.join(",", Tables.CHOICE_REQUIRED)).append('\n');
        String[][] ckpts = {{"p", "step0", "0"}, {"p", "step1", "1e15"}, {"p", "step2", "2e15"}, {"p", "step4", "4e15"},
                {"solo", "main", "1e20"}};
        for (int j = 0; j < ckpts.length; j++) {
            String[] c = ckpts[j];
            for (int doc = 0; doc < 2; doc++) {
                int k = doc == 0 ? 2 : 4;
                String compute = c[1].equals("step2") && doc == 1 ? Double.toString(computeOfStep2Doc1) : c[2];
                for (int i = 0; i < k; i++) {
                    double lp = i == 0 ? -5.0 + j - doc : -2.0 - i;
                    b.append(String.join(",", c[0], c[0] + "-m", c[1], "1000", "1", compute, "t", Integer.toString(doc),
                            Integer.toString(i), Boolean.toString(i == 0), Double.toString(lp), "1", "3", "3", "false")).append('\n');
                }
            }
        }
        return b.toString();
    }

    @Test
    void step0IsLeftOutAndASingleCheckpointGivesNaN() throws IOException {
        Path f = Files.writeString(dir.resolve("edge.csv"), edgeChoices(2e15)), corr = dir.resolve("c.csv");
        CliRun r = run("correlate", "--input", f.toString(), "--out", corr.toString());
        assertEquals(0, r.code(), r.err());
        List<CorrelationRow> rows = Tables.readCorrelations(corr);
        assertEquals(2 * 2 * 9 * 3, rows.size());
        assertTrue(rows.stream().filter(c -> c.family().equals("p")).allMatch(c -> c.nModels() == 3), "step0 has no log10(compute)");
        assertTrue(rows.stream().filter(c -> c.family().equals("solo"))
                .allMatch(c -> c.nModels() == 1 && Double.isNaN(c.correlation()) && Double.isNaN(c.pValue())));
        // log p of the gold choice rises with compute in both docs, whatever their number of choices
        assertTrue(rows.stream().filter(c -> c.family().equals("p") && c.score().equals("log_p_vocab_correct")
                && c.method().equals("spearman")).allMatch(c -> c.correlation() == 1.0));
    }

    @Test
    void checkpointWithTwoComputeValuesNamesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("edge.csv"), edgeChoices(3e15));
        CliRun r = run("correlate", "--input", f.toString(), "--out", dir.resolve("c.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + f + ": p/t: checkpoint p-m@step2 has two compute values"), r.err());
    }
}
