package org.elusive.cli;

import static org.elusive.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.elusive.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elusive eval --output_path --log_samples} against what lm-eval 0.4.13 itself wrote on the same
 * model, tasks and docs (src/test/resources/lmeval_output/lm_eval, scripts/reference/make_lm_eval_output.py):
 * arc_easy and the whole mmlu group, 3 docs per task, 0-shot. Every key lm-eval writes is present with
 * its type; metrics, groups, counts and the three per-sample hashes are equal.
 */
class LmEvalOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(LmEvalOutputTest.class.getResource("/" + name).toURI());
    }

    static Path shared(String rel) {
        Path p = Path.of(System.getProperty("elusive.shared", "../shared"), rel);
        assumeTrue(Files.exists(p), p + " not found (../shared absent)");
        return p;
    }

    @Test
    void resultsAndSamplesMatchLmEval() throws Exception {
        Path tok = shared("data/tokenizers/gpt-neox-20b/20B_tokenizer.json");
        Path model = resource("scoring/tiny-neox"), out = dir.resolve("out");
        CliRun r = run("eval", "--model", model.toString(), "--tokenizer", tok.toString(), "--tasks", "arc_easy,mmlu",
                "--data-dir", shared("data/hf").toString(), "--limit", "3", "--num-fewshot", "0", "--batch-tokens", "2048",
                "--output_path", out.toString(), "--log_samples");
        assertEquals(0, r.code(), r.err());
        Path mine = out.resolve(model.toString().replaceAll("[\"<>:/|\\\\?*\\[\\]]+", "__"));
        Path theirs = resource("lmeval_output/lm_eval/tiny-neox");
        JsonNode a = JSON.readTree(only(mine, "results_").toFile()), b = JSON.readTree(only(theirs, "results_").toFile());

        assertEquals(fields(b), without(fields(a), "elusive"), "top-level keys");
        for (String k : fields(b)) sameShape(b.get(k), a.get(k), k, k.equals("configs") || k.equals("config") ? 2 : 0);
        for (String k : List.of("group_subtasks", "versions", "n-shot", "higher_is_better", "n-samples", "task_hashes")) {
            assertEquals(b.get(k), a.get(k), k);
        }
        for (String k : List.of("results", "groups")) {
            assertEquals(fields(b.get(k)), fields(a.get(k)), k);
            assertEquals(List.copyOf(names(b.get(k))), List.copyOf(names(a.get(k))), k + " order");
            for (String t : fields(b.get(k))) {
                JsonNode x = b.get(k).get(t), y = a.get(k).get(t);
                assertEquals(names(x), names(y), k + "." + t + " keys in order");
                for (String m : fields(x)) {
                    if (x.get(m).isNumber()) assertEquals(x.get(m).asDouble(), y.get(m).asDouble(), 1e-12, k + "." + t + "." + m);
                    else assertEquals(x.get(m), y.get(m), k + "." + t + "." + m);
                }
            }
        }
        // the five MMLU aggregates are there, each weighted by size
        for (String g : List.of("mmlu", "mmlu_stem", "mmlu_humanities", "mmlu_social_sciences", "mmlu_other")) {
            assertTrue(a.get("groups").has(g), g);
        }
        assertEquals(171, a.get("groups").get("mmlu").get("sample_len").asInt());
        for (String task : fields(b.get("configs"))) {
            JsonNode x = b.get("configs").get(task), y = a.get("configs").get(task);
            for (String key : List.of("task", "task_alias", "dataset_path", "dataset_name", "test_split", "fewshot_split",
                    "doc_to_text", "doc_to_target", "doc_to_choice", "description", "target_delimiter", "fewshot_delimiter",
                    "num_fewshot", "metric_list", "output_type", "repeats")) {
                assertEquals(x.get(key), y.get(key), "configs." + task + "." + key);
            }
        }
        samplesMatch(theirs, mine, 58);
        assertTrue(r.err().contains("wrote " + only(mine, "results_")), r.err());
    }

    /**
     * HellaSwag (process_docs adds fields to the doc), WinoGrande (a context per choice, the target a
     * text), LAMBADA (loglikelihood: perplexity and an integer acc per doc) and PIQA: samples key for key.
     */
    @Test
    void samplesOfOtherTaskShapesMatchLmEval() throws Exception {
        Path tok = shared("data/tokenizers/gpt-neox-20b/20B_tokenizer.json");
        Path model = resource("scoring/tiny-neox"), out = dir.resolve("out");
        CliRun r = run("eval", "--model", model.toString(), "--tokenizer", tok.toString(),
                "--tasks", "hellaswag,winogrande,lambada_openai,piqa", "--data-dir", shared("data/hf").toString(),
                "--limit", "3", "--output_path", out.toString(), "--log_samples");
        assertEquals(0, r.code(), r.err());
        Path mine = out.resolve(model.toString().replaceAll("[\"<>:/|\\\\?*\\[\\]]+", "__"));
        Path theirs = resource("lmeval_output/lm_eval_more/tiny-neox");
        samplesMatch(theirs, mine, 4);
        JsonNode a = JSON.readTree(only(mine, "results_").toFile()), b = JSON.readTree(only(theirs, "results_").toFile());
        for (String k : List.of("n-samples", "n-shot", "higher_is_better", "task_hashes", "group_subtasks")) assertEquals(b.get(k), a.get(k), k);
        for (String t : List.of("hellaswag", "winogrande", "piqa")) {
            assertEquals(b.get("results").get(t), a.get("results").get(t), t);
        }
        JsonNode x = b.get("results").get("lambada_openai"), y = a.get("results").get("lambada_openai");
        assertEquals(names(x), names(y));
        assertEquals(x.get("acc,none"), y.get("acc,none"));
        assertEquals(x.get("perplexity,none").asDouble(), y.get("perplexity,none").asDouble(), 1e-4 * x.get("perplexity,none").asDouble());
        assertEquals("N/A", y.get("perplexity_stderr,none").asText(), "elusive does not bootstrap");
    }

    private static void samplesMatch(Path theirs, Path mine, int files) throws IOException {
        List<Path> expected = list(theirs, "samples_");
        assertEquals(files, expected.size());
        for (Path f : expected) {
            String task = f.getFileName().toString().replaceAll("^samples_(.+)_[^_]+\\.jsonl$", "$1");
            List<String> x = Files.readAllLines(f), y = Files.readAllLines(only(mine, "samples_" + task + "_2"));
            assertEquals(x.size(), y.size(), task);
            for (int i = 0; i < x.size(); i++) {
                JsonNode s = JSON.readTree(x.get(i)), t = JSON.readTree(y.get(i));
                String where = task + " line " + i;
                assertEquals(names(s), names(t), where + " keys in order");
                for (String k : List.of("doc_id", "doc", "target", "arguments", "filter", "metrics", "doc_hash", "prompt_hash",
                        "target_hash")) {
                    assertEquals(s.get(k), t.get(k), where + " " + k);
                }
                for (JsonNode m : s.get("metrics")) {
                    String k = m.asText();
                    if (k.equals("perplexity")) assertEquals(s.get(k).asDouble(), t.get(k).asDouble(), 1e-4, where + " " + k);
                    else assertEquals(s.get(k), t.get(k), where + " " + k);
                }
                for (int c = 0; c < s.get("filtered_resps").size(); c++) {
                    JsonNode p = s.get("filtered_resps").get(c), q = t.get("filtered_resps").get(c);
                    assertEquals(Double.parseDouble(p.get(0).asText()), Double.parseDouble(q.get(0).asText()), 1e-4, where);
                    assertEquals(p.get(1), q.get(1), where);
                    assertEquals(p, s.get("resps").get(c).get(0), where);
                    assertEquals(q, t.get("resps").get(c).get(0), where);
                }
            }
        }
    }

    /** Same keys (to {@code depth} levels) with the same JSON node types. */
    private static void sameShape(JsonNode expected, JsonNode actual, String where, int depth) {
        assertTrue(actual != null, where + " missing");
        assertEquals(expected.getNodeType(), actual.getNodeType(), where + ": " + expected + " vs " + actual);
        if (depth > 0 && expected.isObject()) {
            for (String k : fields(expected)) sameShape(expected.get(k), actual.get(k), where + "." + k, depth - 1);
        }
    }

    private static Set<String> fields(JsonNode n) { return new TreeSet<>(names(n)); }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) out.add(it.next());
        return out;
    }

    private static Set<String> without(Set<String> s, String k) {
        Set<String> out = new TreeSet<>(s);
        assertTrue(out.remove(k), "has " + k);
        return out;
    }

    private static List<Path> list(Path dir, String prefix) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static Path only(Path dir, String prefix) throws IOException {
        List<Path> f = list(dir, prefix);
        assertEquals(1, f.size(), prefix + " in " + dir + ": " + f);
        return f.get(0);
    }
}
