package org.elusive.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elusive.core.BadInputException;
import org.elusive.Golden;
import org.elusive.transform.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.elusive.rows.ChoiceRow;

/**
 * Import of samples written by lm-eval 0.4.13 itself (scripts/reference/make_lm_eval_samples.py):
 * our acc and acc_norm of every imported doc equal the per-sample metrics lm-eval logged.
 */
class LmEvalImportTest {
    static final Path SAMPLES = Golden.resource("engine/lm_eval");
    static final Path MAP = Golden.resource("engine/lm_eval_models.csv");

    @TempDir Path dir;

    @Test
    void importsEveryChoiceOfEverySample() {
        List<ChoiceRow> rows = LmEvalSamples.read(SAMPLES, ModelMap.read(MAP));
        assertEquals(2 * (5 * 4 + 5 * 2), rows.size());
        ChoiceRow first = rows.get(0); // tiny-neox@step1000 arc_easy doc 0 choice 0
        assertEquals("tiny-neox", first.family());
        assertEquals("step1000", first.revision());
        assertEquals(6.0 * 3234880 * 2.097152e9, first.compute());
        assertEquals("arc_easy", first.task());
        assertEquals(-129.9476318359375, first.logprob());
        assertTrue(first.gold(), "answerKey A");
        assertEquals("Sunlight is the source of energy for nearly all ecosystems.".length(), first.nChars());
        assertEquals(-1, first.nTokens());
        assertFalse(first.greedy());
        ChoiceRow wino = rows.stream().filter(r -> r.task().equals("winogrande") && r.docId() == 0 && r.gold()).findFirst().orElseThrow();
        assertEquals(1, wino.choice(), "WinoGrande answer '2' is choice 1");
        assertEquals("always got the easier cases.".length(), wino.nChars());
    }

    @Test
    void accAndAccNormEqualLmEvalsPerSampleMetrics() throws IOException {
        Map<String, Double> byKey = new HashMap<>();
        for (var s : Scores.compute(LmEvalSamples.read(SAMPLES, ModelMap.read(MAP)))) {
            byKey.put(s.revision() + "/" + s.task() + "/" + s.docId() + "/acc", s.acc());
            byKey.put(s.revision() + "/" + s.task() + "/" + s.docId() + "/acc_norm", s.accNorm());
        }
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("samples_")).toList()) {
                String revision = f.getParent().getFileName().toString().endsWith("-a") ? "step1000" : "step2000";
                String task = f.getFileName().toString().startsWith("samples_arc_easy") ? "arc_easy" : "winogrande";
                for (String line : Files.readAllLines(f)) {
                    JsonNode s = json.readTree(line);
                    for (String metric : List.of("acc", "acc_norm")) {
                        if (!s.has(metric)) continue;
                        String key = revision + "/" + task + "/" + s.get("doc_id").asLong() + "/" + metric;
                        assertEquals(s.get(metric).asDouble(), byKey.get(key), key);
                        checked++;
                    }
                }
            }
        }
        assertEquals(2 * (5 * 2 + 5), checked);
    }

    @Test
    void unknownModelNamesTheCandidatesAndTheMap() throws IOException {
        Path map = dir.resolve("map.csv");
        Files.writeString(map, "name,family,model,revision,params,tokens\nother,f,m,r,1,1\n");
        var e = assertThrows(BadInputException.class, () -> LmEvalSamples.read(SAMPLES, ModelMap.read(map)));
        assertTrue(e.getMessage().contains("model 'tiny-neox-a' not found in column 'name' of " + map), e.getMessage());
    }

    @Test
    void mapWithoutTokensColumn() throws IOException {
        Path map = dir.resolve("map.csv");
        Files.writeString(map, "name,family,model,revision,params\nx,f,m,r,1\n");
        var e = assertThrows(BadInputException.class, () -> ModelMap.read(map));
        assertTrue(e.getMessage().startsWith(map + ": missing column 'tokens'"), e.getMessage());
    }

    @Test
    void nonNumericLogLikelihood() throws IOException {
        Path run = Files.createDirectories(dir.resolve("tiny-neox-a"));
        String line = Files.readAllLines(Files.list(SAMPLES.resolve("tiny-neox-a"))
                .filter(p -> p.getFileName().toString().startsWith("samples_winogrande")).findFirst().orElseThrow()).get(0);
        Files.writeString(run.resolve("samples_winogrande_2024-01-01T00-00-00.jsonl"), line.replace("\"-65.24496459960938\"", "\"oops\""));
        var e = assertThrows(BadInputException.class, () -> LmEvalSamples.read(dir, ModelMap.read(MAP)));
        assertTrue(e.getMessage().endsWith("line 1: response 0 log-likelihood 'oops' is not a number"), e.getMessage());
    }
    @Test
    void targetTextMatchingTwoChoicesIsTheFirstAsListIndex() throws IOException {
        // lm-eval's process_results: choices.index(gold), the first equal choice
        JsonNode s = new ObjectMapper().readTree("{\"target\": \"yes\", \"doc\": {}}");
        assertEquals(0, LmEvalSamples.gold(s, List.of(" yes", " no", " yes"), "f line 1"));
    }

    @Test
    void targetIndexTooLargeForAnIntIsBadInput() throws IOException {
        JsonNode s = new ObjectMapper().readTree("{\"target\": 99999999999, \"doc\": {}}");
        var e = assertThrows(BadInputException.class, () -> LmEvalSamples.gold(s, List.of(" a", " b"), "f line 1"));
        assertEquals("f line 1: target '99999999999' is not a choice index or choice of 0..1", e.getMessage());
    }

    @Test
    void sampleWithoutChoicesSaysSo() throws IOException {
        Path run = Files.createDirectories(dir.resolve("tiny-neox-a"));
        Path f = Files.writeString(run.resolve("samples_arc_easy_2024-01-01T00-00-00.jsonl"),
                "{\"doc_id\": 0, \"arguments\": {}, \"filtered_resps\": [], \"target\": 0}\n");
        var e = assertThrows(BadInputException.class, () -> LmEvalSamples.read(dir, ModelMap.read(MAP)));
        assertEquals(f + " line 1: no choices in 'arguments' (expected a loglikelihood request per choice)", e.getMessage());
    }
}
