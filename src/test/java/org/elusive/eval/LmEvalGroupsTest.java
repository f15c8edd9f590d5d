package org.elusive.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.task.TaskRegistry;
import org.junit.jupiter.api.Test;

/**
 * The mmlu group tree of the shipped YAMLs, aggregated from lm-eval's own task rows, gives lm-eval
 * 0.4.13's group rows, group_subtasks and propagated n-shot / higher_is_better (fixture:
 * scripts/reference/make_lm_eval_output.py; needs no dataset).
 */
class LmEvalGroupsTest {
    @Test
    @SuppressWarnings("unchecked")
    void mmluGroupsEqualLmEval() throws Exception {
        Path dir = Path.of(getClass().getResource("/lmeval_output/lm_eval/tiny-neox").toURI());
        Path file;
        try (var s = Files.list(dir)) {
            file = s.filter(p -> p.getFileName().toString().startsWith("results_")).findFirst().orElseThrow();
        }
        Map<String, Object> lm = new ObjectMapper().readValue(file.toFile(), new TypeReference<>() {});
        Map<String, Map<String, Object>> expected = (Map<String, Map<String, Object>>) lm.get("results");
        LmEvalGroups groups = new LmEvalGroups(TaskRegistry.builtin(), List.of("arc_easy", "mmlu"));
        assertEquals(lm.get("group_subtasks"), groups.subtasks());
        assertEquals(List.of("mmlu_stem", "mmlu_other", "mmlu_social_sciences", "mmlu_humanities", "mmlu"), groups.bottomUp());

        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        expected.forEach((k, v) -> {
            if (!groups.has(k)) rows.put(k, v);
        });
        for (String g : groups.bottomUp()) {
            Map<String, Object> row = groups.aggregate(g, rows);
            Map<String, Object> want = expected.get(g);
            assertEquals(List.copyOf(want.keySet()), List.copyOf(row.keySet()), g);
            assertEquals(((Number) want.get("acc,none")).doubleValue(), (double) row.get("acc,none"), 0, g);
            assertEquals(((Number) want.get("acc_stderr,none")).doubleValue(), (double) row.get("acc_stderr,none"), 1e-15, g);
            assertEquals(want.get("sample_count"), row.get("sample_count"), g);
            assertEquals(want.get("alias"), row.get("alias"), g);
            rows.put(g, row);
        }

        Map<String, Object> nShot = new LinkedHashMap<>();
        Map<String, Map<String, Object>> hib = new LinkedHashMap<>();
        Map<String, Map<String, Object>> lmHib = (Map<String, Map<String, Object>>) lm.get("higher_is_better");
        ((Map<String, Object>) lm.get("n-shot")).forEach((k, v) -> {
            if (!groups.has(k)) nShot.put(k, v);
        });
        lmHib.forEach((k, v) -> {
            if (!groups.has(k)) hib.put(k, v);
        });
        groups.propagateNumFewshot(nShot);
        groups.propagateHigherIsBetter(hib);
        assertEquals(lm.get("n-shot"), new java.util.TreeMap<>(nShot));
        assertEquals(lmHib, new java.util.TreeMap<>(hib));
    }

    @Test
    void unweightedMeanAndStderr() {
        // two tasks of 1 and 3 docs: weighted (1·1 + 0·3)/4, unweighted (1 + 0)/2
        assertEquals(0.25, LmEvalGroups.mean(List.of(1.0, 0.0), List.of(1, 3), true));
        assertEquals(0.5, LmEvalGroups.mean(List.of(1.0, 0.0), List.of(1, 3), false));
        assertEquals(Math.sqrt(0.09 + 0.16) / 2, LmEvalGroups.unweightedStderr(List.of(0.3, 0.4)), 1e-15);
        // pooled: sqrt(((2-1)·0.5²·2 + (4-1)·0.25²·4) / (6 - 2) / 6)
        assertEquals(Math.sqrt((0.5 + 0.75) / 4 / 6), LmEvalGroups.pooledStderr(List.of(0.5, 0.25), List.of(2, 4)), 1e-15);
    }
}
