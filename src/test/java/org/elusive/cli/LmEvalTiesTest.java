package org.elusive.cli;

import static org.elusive.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.CliRun;
import org.elusive.rows.Accuracy;
import org.elusive.rows.ChoiceRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * acc and acc_norm on float32 ties, end to end: a model whose every position predicts the same
 * distribution scores choices that are permutations of the same tokens, so their log-likelihoods tie
 * exactly in double and differ in float32 by the order of the sum. elusive's acc equals lm-eval
 * 0.4.13's on every doc (src/test/resources/lmeval_output/ties, scripts/reference/make_lm_eval_output.py).
 */
class LmEvalTiesTest {
    @TempDir Path dir;

    @Test
    void accOnFloat32TiesEqualsLmEval() throws Exception {
        Path ties = Path.of(getClass().getResource("/lmeval_output/ties").toURI());
        Path tok = Path.of(getClass().getResource("/scoring/toy-tokenizer.json").toURI());
        Path out = dir.resolve("choices.csv");
        CliRun r = run("eval", "--model", ties.resolve("tiny-ties").toString(), "--tokenizer", tok.toString(),
                "--tasks-dir", ties.resolve("tasks").toString(), "--data-dir", ties.resolve("data").toString(),
                "--tasks", "ties_perm", "--out", out.toString(), "--output_path", dir.resolve("lm/ties.json").toString(), "--log_samples");
        assertEquals(0, r.code(), r.err());
        // a PATH ending in .json: <PATH minus .json>_<date>.json, the samples beside it (lm-eval's layout)
        List<String> written;
        try (var files = Files.list(dir.resolve("lm"))) {
            written = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(2, written.size(), written.toString());
        assertTrue(written.get(0).startsWith("samples_ties_perm_2") && written.get(1).startsWith("ties_2"), written.toString());
        JsonNode docs = new ObjectMapper().readTree(ties.resolve("ties.json").toFile()).get("docs");
        List<ChoiceRow> rows = Tables.readChoices(out);
        int differ = 0, exact = 0;
        for (JsonNode d : docs) {
            int id = d.get("doc_id").asInt();
            List<ChoiceRow> mine = rows.stream().filter(x -> x.docId() == id).toList();
            double[] ll = new double[mine.size()];
            int[] chars = new int[mine.size()];
            for (ChoiceRow c : mine) {
                ll[c.choice()] = c.logprob();
                chars[c.choice()] = c.nChars();
                if (c.logprob() == d.get("choices").get(c.choice()).get("ll").asDouble()) exact++;
            }
            Accuracy a = Accuracy.of(ll, chars, d.get("gold").asInt());
            assertEquals(d.get("acc").asDouble() == 1, a.acc(), "acc of doc " + id);
            assertEquals(d.get("acc_norm").asDouble() == 1, a.accNorm(), "acc_norm of doc " + id);
            double[] dbl = new double[ll.length];
            for (int c = 0; c < dbl.length; c++) dbl[c] = d.get("choices").get(c).get("ll_double").asDouble();
            if (firstMax(dbl) != firstMax(ll)) differ++;
        }
        assertEquals(48 * 4, exact, "log-likelihoods bit-equal to lm-eval's");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("lm").resolve(written.get(1)).toFile()).get("results").get("ties_perm");
        double accSum = 0;
        for (JsonNode d : docs) accSum += d.get("acc").asDouble();
        assertEquals(accSum / 48, results.get("acc,none").asDouble(), 1e-15);
        assertTrue(differ > 0, "docs where a sum in double picks another choice than lm-eval's float32 sum");
    }

    private static int firstMax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }
}
