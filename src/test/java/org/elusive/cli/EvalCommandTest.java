package org.elusive.cli;

import static org.elusive.CliRun.run;
import org.elusive.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elusive.rows.ChoiceRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `elusive eval` end to end: lm-eval's numbers from the real task YAMLs and data, and exit codes on bad input. */
class EvalCommandTest {
    @TempDir Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(EvalCommandTest.class.getResource("/scoring/" + name).toURI());
    }

    static Path shared(String rel) {
        Path p = Path.of(System.getProperty("elusive.shared", "../shared"), rel);
        assumeTrue(Files.exists(p), p + " not found (../shared absent)");
        return p;
    }

    /**
     * lm-eval's own command line scores what lm-eval scores: --samples picks dataset doc ids (in
     * dataset order), a fractional --limit takes ceil(n·f) docs, and --write_out prints the first
     * selected doc's prompt and target as lm-eval does; the log-likelihoods are the fixture's.
     */
    @Test
    void lmEvalSpellingsScoreTheDocsLmEvalScores() throws Exception {
        Path tok = shared("data/tokenizers/gpt-neox-20b/20B_tokenizer.json");
        Path data = shared("data/hf");
        Path out = dir.resolve("sel.csv");
        CliRun r = run("eval", "--model", "hf", "--model_args", "pretrained=" + resource("tiny-neox") + ",dtype=float32,tokenizer=" + tok,
                "-t", "arc_easy", "--data-dir", data.toString(), "-E", "{\"arc_easy\": [5, 2, 5]}", "--write_out", "--device", "cpu",
                "--batch_size", "auto", "--out", out.toString(), "--params", "1", "--family", "fx");
        assertEquals(0, r.code(), r.err());
        JsonNode docs = new ObjectMapper().readTree(resource("lmeval_parity.json").toFile()).get("tasks").get("arc_easy").get("docs");
        List<ChoiceRow> rows = Tables.readChoices(out);
        assertEquals(List.of(2L, 2L, 2L, 2L, 5L, 5L, 5L, 5L), rows.stream().map(ChoiceRow::docId).toList());
        for (ChoiceRow row : rows) {
            assertEquals(docs.get((int) row.docId()).get("ll").get(row.choice()).asDouble(), row.logprob(), 1e-4, "doc " + row.docId());
        }
        JsonNode first = docs.get(2);
        assertTrue(r.err().contains("Task: arc_easy; document 2; context prompt (starting on next line):\n"
                + first.get("contexts").get(0).asText() + "\n(end of prompt on previous line)\n"
                + "target string or answer choice index (starting on next line):\n" + first.get("gold").asInt()
                + "\n(end of target on previous line)"), r.err());

        CliRun fraction = run("eval", "--model", resource("tiny-neox").toString(), "--tokenizer", tok.toString(), "-t", "arc_easy",
                "--data-dir", data.toString(), "--limit", "0.001", "--device", "cpu", "--out", out.toString(), "--params", "1");
        assertEquals(0, fraction.code(), fraction.err());
        assertEquals(List.of(0L, 1L, 2L), Tables.readChoices(out).stream().map(ChoiceRow::docId).distinct().toList());   // ceil(2376 × 0.001)

        CliRun both = run("eval", "--model", resource("tiny-neox").toString(), "-t", "arc_easy", "--data-dir", data.toString(),
                "--limit", "2", "-E", "{\"arc_easy\": [0]}", "--out", out.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--limit and --samples: give one of them, not both (as lm-eval)"), both.err());
    }

    /** The shipped task YAMLs + our scorer reproduce lm-eval HFLM's per-choice numbers and metrics. */
    @Test
    void realTasksMatchLmEval() throws Exception {
        Path tok = shared("data/tokenizers/gpt-neox-20b/20B_tokenizer.json");
        Path data = shared("data/hf");
        Path out = dir.resolve("choices.parquet"), samples = dir.resolve("samples");
        String tasks = "arc_easy,hellaswag,piqa,winogrande,lambada_openai,mmlu_abstract_algebra";
        CliRun r = run("eval", "--model", resource("tiny-neox").toString(), "--tokenizer", tok.toString(), "--tasks", tasks,
                "--data-dir", data.toString(), "--limit", "4", "--batch-tokens", "512", "--out", out.toString(),
                "--output_path", samples.toString(), "--log_samples", "--params", "123", "--family", "fx");
        assertEquals(0, r.code(), r.err());
        // lm-eval's layout: <output_path>/<model name sanitized>/
        Path written = samples.resolve(resource("tiny-neox").toString().replaceAll("[\"<>:/|\\\\?*\\[\\]]+", "__"));
        JsonNode fixture = new ObjectMapper().readTree(resource("lmeval_parity.json").toFile()).get("tasks");
        List<ChoiceRow> rows = Tables.readChoices(out);
        assertEquals(4 * (4 + 4 + 2 + 2 + 1 + 4), rows.size());
        Map<String, double[]> accSums = new HashMap<>();
        for (ChoiceRow row : rows) {
            JsonNode doc = fixture.get(row.task()).get("docs").get((int) row.docId());
            assertEquals(row.docId(), doc.get("doc_id").asLong());
            String where = row.task() + " doc " + row.docId() + " choice " + row.choice();
            assertEquals(doc.get("ll").get(row.choice()).asDouble(), row.logprob(), 1e-4, where);
            assertEquals(doc.get("greedy").get(row.choice()).asBoolean(), row.greedy(), where);
            assertEquals(doc.get("gold").asInt() == row.choice(), row.gold(), where);
            assertEquals("fx", row.family());
            assertEquals(123, row.params());
            assertTrue(Double.isNaN(row.tokens()));
            if (row.choice() == 0) accSums.computeIfAbsent(row.task(), k -> new double[1])[0] += doc.get("acc").asDouble();
        }
        JsonNode results = new ObjectMapper().readTree(only(written, "results_").toFile()).get("results");
        for (var e : accSums.entrySet()) {
            assertEquals(e.getValue()[0] / 4, results.get(e.getKey()).get("acc,none").asDouble(), 1e-12, e.getKey());
        }
        List<String> lines = Files.readAllLines(only(written, "samples_hellaswag_"));
        assertEquals(4, lines.size());
        JsonNode s = new ObjectMapper().readTree(lines.get(0));
        JsonNode expected = fixture.get("hellaswag").get("docs").get(0);
        assertEquals(expected.get("contexts").get(0).asText(), s.get("arguments").get("gen_args_0").get("arg_0").asText());
        assertEquals(expected.get("ll").get(2).asDouble(), s.get("filtered_resps").get(2).get(0).asDouble(), 1e-4);
        assertEquals(expected.get("acc_norm").asDouble(), s.get("acc_norm").asDouble());

        // the samples read back through import-lm-eval give the same choices
        Path map = dir.resolve("models.csv"), imported = dir.resolve("imported.csv");
        Files.writeString(map, "name,family,model,revision,params,tokens\n" + written.getFileName() + ",fx,tiny-neox,local,123,1e9\n");
        CliRun imp = run("import-lm-eval", "--samples", samples.toString(), "--models", map.toString(), "--out", imported.toString());
        assertEquals(0, imp.code(), imp.err());
        Map<String, ChoiceRow> back = new HashMap<>();
        for (ChoiceRow x : Tables.readChoices(imported)) back.put(x.task() + "/" + x.docId() + "/" + x.choice(), x);
        assertEquals(rows.size(), back.size());
        for (ChoiceRow row : rows) {
            ChoiceRow x = back.get(row.task() + "/" + row.docId() + "/" + row.choice());
            assertEquals(row.logprob(), x.logprob(), 1e-12);
            assertEquals(row.greedy(), x.greedy());
            assertEquals(row.gold(), x.gold(), row.task() + " doc " + row.docId());
        }
    }

    private static Path only(Path dir, String prefix) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            List<Path> f = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, f.size(), prefix + " in " + dir);
            return f.get(0);
        }
    }

    private Path toyTask(String docs) throws Exception {
        Path tasks = Files.createDirectories(dir.resolve("tasks")), data = dir.resolve("data");
        Files.writeString(tasks.resolve("toy.yaml"), "task: toy\ndataset_path: toy/qa\noutput_type: multiple_choice\n"
                + "test_split: test\ndoc_to_text: \"Q: {{q}}\\nA:\"\ndoc_to_choice: \"{{choices}}\"\ndoc_to_target: label\n");
        Path split = Files.createDirectories(data.resolve("toy/qa/default")).resolve("test.jsonl");
        Files.writeString(split, docs);
        return tasks;
    }

    private String[] toyArgs(Path tasks, String... extra) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("eval", "--model", resource("tiny-neox").toString(), "--tokenizer",
                resource("toy-tokenizer.json").toString(), "--tasks-dir", tasks.toString(), "--data-dir",
                dir.resolve("data").toString(), "--out", dir.resolve("out.csv").toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void badDocIsSkippedTheRestWrittenThenExit2() throws Exception {
        Path tasks = toyTask("{\"q\": \"the cat\", \"choices\": [\"sat\", \"ran\"], \"label\": 0}\n"
                + "{\"q\": \"a dog\", \"choices\": [\"is\", \"was\"], \"label\": 7}\n"
                + "{\"q\": \"the fox\", \"choices\": [\"quick\", \"lazy\", \"brown\"], \"label\": 2}\n");
        CliRun r = run(toyArgs(tasks, "--tasks", "toy"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("doc 1") && r.err().contains("out of range"), r.err());
        List<ChoiceRow> rows = Tables.readChoices(dir.resolve("out.csv"));
        assertEquals(5, rows.size());
        assertEquals(List.of(0L, 0L, 2L, 2L, 2L), rows.stream().map(ChoiceRow::docId).toList());
        assertEquals("tiny-neox", rows.get(0).model());
        assertEquals("local", rows.get(0).revision());
        assertTrue(rows.get(4).gold());
        assertTrue(rows.get(0).params() > 1_000_000, "params counted from the weights: " + rows.get(0).params());
    }

    @Test
    void unknownTaskMissingDataAndBadOptionsExit2() throws Exception {
        Path tasks = toyTask("{\"q\": \"x\", \"choices\": [\"a\", \"b\"], \"label\": 0}\n");
        CliRun unknown = run(toyArgs(tasks, "--tasks", "no_such_task"));
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no_such_task"), unknown.err());
        CliRun missing = run(toyArgs(tasks, "--tasks", "arc_easy"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("allenai/ai2_arc"), missing.err());
        CliRun dtype = run(toyArgs(tasks, "--tasks", "toy", "--dtype", "bf16"));
        assertEquals(2, dtype.code());
        assertTrue(dtype.err().contains("--dtype") && dtype.err().contains("bf16"), dtype.err());
        assertEquals(1, dtype.err().strip().lines().count(), "one line naming option and value: " + dtype.err());
        CliRun device = run(toyArgs(tasks, "--tasks", "toy", "--device", "tpu"));
        assertEquals(2, device.code());
        assertTrue(device.err().strip().startsWith("error: ") && device.err().contains("--device") && device.err().contains("tpu"),
                device.err());
        assertEquals(1, device.err().strip().lines().count(), device.err());
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }
}
