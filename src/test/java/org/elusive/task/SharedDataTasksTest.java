package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped tasks on the real items in ../shared/data/hf (skipped where ../shared is absent). */
class SharedDataTasksTest {
    static Path root;
    static Datasets data;

    @BeforeAll
    static void shared() {
        String s = System.getProperty("elusive.shared");
        root = s == null ? null : Path.of(s, "data", "hf");
        assumeTrue(root != null && Files.isDirectory(root), "../shared/data/hf is absent");
        data = new Datasets(root, null);
    }

    @Test
    void lmEvalFixtureDocsBuildTheSameFromTheSharedFiles() throws IOException {
        int compared = 0;
        for (JsonNode c : LmEvalPromptParityTest.fixture().get("cases")) {
            if (!c.get("source").asText().equals("shared") || (c.get("name").asText().contains("shot") && !c.get("task").asText().startsWith("mmlu_"))) continue;
            TaskConfig cfg = TaskRegistry.builtin().get(c.get("task").asText());
            List<Map<String, Object>> real = data.load(cfg.datasetPath(), cfg.datasetName(), cfg.evalSplit());
            JsonNode docs = c.get("splits").get(cfg.evalSplit());
            int n = 0;
            while (n < docs.size() && LmEvalPromptParityTest.JSON.convertValue(docs.get(n), Map.class).equals(real.get(n))) n++;
            OptionalInt k = c.get("num_fewshot").isNull() ? OptionalInt.empty() : OptionalInt.of(c.get("num_fewshot").asInt());
            TaskRequests r = cfg.requests(data, k, OptionalInt.of(n));
            LmEvalPromptParityTest.assertSameRequests(c, r.requests(), n);
            compared += n;
        }
        assertEquals(47, compared); // the leading docs of the 9 cases drawn from the shared files
    }

    @Test
    void everySharedTaskBuildsWithoutProblems() {
        Map<String, Integer> sizes = Map.of("arc_easy", 2376, "arc_challenge", 1172, "hellaswag", 10042, "openbookqa", 500,
                "piqa", 1838, "winogrande", 1267, "lambada_openai", 5153);
        sizes.forEach((task, size) -> {
            TaskConfig cfg = TaskRegistry.builtin().get(task);
            assertEquals(size, data.load(cfg.datasetPath(), cfg.datasetName(), cfg.evalSplit()).size(), task);
            TaskRequests r = cfg.requests(data, OptionalInt.empty(), OptionalInt.of(300));
            assertEquals(List.of(), r.problems(), task);
            assertEquals(300, r.requests().size(), task);
        });
        int mmluDocs = 0;
        for (String t : Tasks.expand("mmlu")) {
            TaskConfig cfg = TaskRegistry.builtin().get(t);
            mmluDocs += data.load(cfg.datasetPath(), cfg.datasetName(), "test").size();
            TaskRequests r = cfg.requests(data, OptionalInt.empty(), OptionalInt.of(3));
            assertEquals(List.of(), r.problems(), t);
            assertEquals(3, r.requests().size(), t);
        }
        assertEquals(14042, mmluDocs);
    }
}
