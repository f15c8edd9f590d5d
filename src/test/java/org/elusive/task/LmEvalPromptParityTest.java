package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompts of every shipped task equal lm-eval 0.4.13's on the docs of
 * src/test/resources/task/lm_eval_prompts.json (made by scripts/reference/make_task_fixtures.py, which
 * runs lm-eval's own task classes). The fixture carries its docs, so this runs without ../shared.
 */
class LmEvalPromptParityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    static JsonNode fixture() throws IOException {
        try (InputStream in = LmEvalPromptParityTest.class.getResourceAsStream("/task/lm_eval_prompts.json")) {
            return JSON.readTree(in);
        }
    }

    /** Writes a case's splits as a data root: {@code <dataset_path>/<config>/<split>.jsonl}. */
    static Path writeSplits(JsonNode c, Path root) throws IOException {
        Path dir = root.resolve(c.get("dataset_path").asText()).resolve(c.get("dataset_name").asText());
        Files.createDirectories(dir);
        for (var it = c.get("splits").fields(); it.hasNext(); ) {
            var e = it.next();
            StringBuilder b = new StringBuilder();
            for (JsonNode doc : e.getValue()) b.append(JSON.writeValueAsString(doc)).append('\n');
            Files.writeString(dir.resolve(e.getKey() + ".jsonl"), b);
        }
        return root;
    }

    static void assertSameRequests(JsonNode c, List<Request> ours, int n) {
        for (int i = 0; i < n; i++) {
            JsonNode want = c.get("requests").get(i);
            Request got = ours.get(i);
            String where = c.get("name").asText() + " doc " + i;
            assertEquals(want.get("doc_id").asLong(), got.docId(), where);
            List<String> conts = strings(want.get("continuations"));
            assertEquals(conts, got.continuations(), where + " continuations");
            List<String> ctxs = strings(want.get("contexts"));
            for (int k = 0; k < conts.size(); k++) {
                assertEquals(ctxs.get(ctxs.size() == 1 ? 0 : k), got.context(k), where + " context of choice " + k);
            }
            assertEquals(ctxs.size(), got.contexts().size(), where + " shared or per-choice contexts");
            assertEquals(strings(want.get("choice_texts")), got.choiceTexts(), where + " choice texts");
            assertEquals(want.get("gold").asInt(), got.gold(), where + " gold");
        }
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyShippedTaskBuildsLmEvalsPrompts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                Path root = writeSplits(c, Files.createTempDirectory(tmp, "data"));
                TaskConfig cfg = TaskRegistry.builtin().get(c.get("task").asText());
                OptionalInt k = c.get("num_fewshot").isNull() ? OptionalInt.empty() : OptionalInt.of(c.get("num_fewshot").asInt());
                TaskRequests r = cfg.requests(new Datasets(root, null), k, OptionalInt.empty());
                assertEquals(List.of(), r.problems());
                assertEquals(c.get("requests").size(), r.requests().size());
                assertSameRequests(c, r.requests(), r.requests().size());
            }));
        }
        return tests.stream();
    }

    /** lm-eval counts --limit in processed docs: BIG-bench's free-form third doc is filtered out first. */
    @Test
    void limitCountsDocsAfterProcessDocs() throws IOException {
        JsonNode c = null;
        for (JsonNode x : fixture().get("cases")) if (x.get("name").asText().equals("bigbench_arithmetic_multiple_choice")) c = x;
        Path root = writeSplits(c, Files.createTempDirectory(tmp, "data"));
        TaskConfig cfg = TaskRegistry.builtin().get(c.get("task").asText());
        TaskRequests r = cfg.requests(new Datasets(root, null), OptionalInt.empty(), OptionalInt.of(3));
        assertEquals(3, r.requests().size());
        assertSameRequests(c, r.requests(), 3);
    }

    @Test
    void fixtureCoversEveryShippedTask() throws IOException {
        List<String> covered = new ArrayList<>();
        fixture().get("cases").forEach(c -> covered.add(c.get("task").asText()));
        for (String t : TaskRegistry.builtin().taskNames()) {
            if (!t.startsWith("mmlu_")) assertTrue(covered.contains(t), "no lm-eval fixture case for " + t);
        }
        assertTrue(covered.stream().anyMatch(t -> t.startsWith("mmlu_")));
    }

    @Test
    void pythonRandomSampleIsBitExact() throws IOException {
        PyRandom rnd = new PyRandom(1234);
        for (JsonNode s : fixture().get("python_random_1234")) {
            List<Integer> pop = IntStream.range(0, s.get("n").asInt()).boxed().toList();
            List<Integer> want = new ArrayList<>();
            s.get("sample").forEach(x -> want.add(x.asInt()));
            assertEquals(want, rnd.sample(pop, s.get("k").asInt()), "sample(range(" + s.get("n") + "), " + s.get("k") + ")");
        }
    }

    /** ETHICS utilitarianism orders its scenarios with random.Random(activity).shuffle([0, 1]). */
    @Test
    void pythonRandomStringSeedAndShuffleAreBitExact() throws IOException {
        for (JsonNode s : fixture().get("python_random_str")) {
            String seed = s.get("seed").asText();
            for (String key : List.of("shuffle_2", "shuffle_10")) {
                List<Integer> want = new ArrayList<>();
                s.get(key).forEach(x -> want.add(x.asInt()));
                List<Integer> got = new ArrayList<>(IntStream.range(0, want.size()).boxed().toList());
                PyRandom.ofString(seed).shuffle(got);
                assertEquals(want, got, "Random(" + seed + ")." + key);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> jinjaRendersAsLmEvalsJinja2() throws IOException {
        JsonNode j = fixture().get("jinja");
        Map<String, Object> doc = JSON.convertValue(j.get("doc"), new TypeReference<>() { });
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode r : j.get("renders")) {
            String t = r.get("template").asText();
            tests.add(DynamicTest.dynamicTest(t, () -> assertEquals(r.get("output").asText(), Jinja.get().render(t, doc))));
        }
        return tests.stream();
    }
}
