package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * lm-eval's --samples, fractional --limit and --seed select the docs and few-shot examples lm-eval
 * selects: MMLU abstract algebra 5-shot on ../shared's items, against the contexts lm-eval 0.4.13
 * built (scripts/reference/make_selection_fixture.py). lm-eval renumbers selected docs 0..k-1; here
 * they keep their dataset index.
 */
class TaskSelectionParityTest {
    @Test
    void selectionsLimitsAndSeedsBuildLmEvalsContexts() throws Exception {
        Path root = Path.of(System.getProperty("elusive.shared", "../shared"), "data/hf");
        assumeTrue(Files.isDirectory(root.resolve("cais/mmlu/abstract_algebra")), root + " is absent");
        JsonNode fixture = new ObjectMapper().readTree(TaskSelectionParityTest.class.getResource("/task/lm_eval_selection.json"));
        TaskConfig task = Tasks.load(fixture.get("task").asText(), null);
        for (JsonNode c : fixture.get("cases")) {
            String name = c.get("name").asText();
            Limit limit = c.get("limit").isNull() ? Limit.NONE : new Limit(c.get("limit").asDouble());
            Map<String, List<Integer>> ids = c.get("samples").isNull() ? Map.of()
                    : Map.of(task.name(), new ObjectMapper().convertValue(c.get("samples"), List.class));
            DocSelection selection = new DocSelection(limit, ids, c.get("seed").asLong());
            TaskRequests r = task.requests(new Datasets(root, null), OptionalInt.of(fixture.get("num_fewshot").asInt()), selection);
            List<String> want = new ArrayList<>();
            c.get("contexts").forEach(x -> want.add(x.asText()));
            assertEquals(want, r.requests().stream().map(q -> q.contexts().get(0)).toList(), name);
            assertEquals(c.get("lm_eval_doc_ids").size(), r.requests().size(), name);
        }
        // the selection keeps dataset indices: 2, 7, 40 (lm-eval: 0, 1, 2)
        TaskRequests picked = task.requests(new Datasets(root, null), OptionalInt.of(5),
                new DocSelection(Limit.NONE, Map.of(task.name(), List.of(40, 7, 2, 7)), DocSelection.DEFAULT_FEWSHOT_SEED));
        assertEquals(List.of(2L, 7L, 40L), picked.requests().stream().map(Request::docId).toList());
    }
}
