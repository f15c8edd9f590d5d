package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tasks of Wu &amp; Lo 2024 (docs/ushaped.md) ship, and their shot counts are the paper's
 * (evaluation/*&#47;*.sh: MMLU 5, ARC and HellaSwag 1, BIG-bench 2) only where docs/ushaped.md says
 * so: MMLU by its YAML, the others with --num-fewshot, which must then build prompts of that many shots.
 */
class UShapedPaperTasksTest {
    private static final List<String> BIGBENCH = List.of("arithmetic", "hindu_knowledge", "analogical_similarity",
            "conceptual_combinations", "abstract_narrative_understanding", "parsinlu_qa");

    @Test
    void mmluIsFiveShotByItsYamlAndTheOthersTakeTheirShotsFromTheCommandLine() {
        List<String> mmlu = Tasks.expand("mmlu");
        assertEquals(57, mmlu.size());
        for (String t : mmlu) assertEquals(5, TaskRegistry.builtin().get(t).defaultNumFewshot(), t);
        for (String t : List.of("arc_easy", "arc_challenge", "hellaswag")) {
            assertEquals(0, TaskRegistry.builtin().get(t).defaultNumFewshot(), t); // the paper's 1: --num-fewshot 1
        }
        for (String t : BIGBENCH) {
            TaskConfig cfg = TaskRegistry.builtin().get("bigbench_" + t + "_multiple_choice");
            assertEquals("hails/bigbench", cfg.datasetPath(), t);
            assertEquals(t + "_zero_shot", cfg.datasetName(), t);
            assertEquals(0, cfg.defaultNumFewshot(), t); // the paper's 2: --num-fewshot 2
        }
    }

    @Test
    void aBigBenchTaskBuildsTwoShotPrompts(@TempDir Path root) throws IOException {
        // lm-eval's BIG-bench layout: one split, "default", from which the shots are drawn too
        TaskConfig cfg = TaskRegistry.builtin().get("bigbench_arithmetic_multiple_choice");
        Path split = root.resolve("hails/bigbench/arithmetic_zero_shot/" + cfg.evalSplit() + ".jsonl");
        Files.createDirectories(split.getParent());
        StringBuilder docs = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            docs.append("{\"inputs\": \"Q: ").append(i).append(" + ").append(i).append(" =\", \"targets\": [\"")
                    .append(2 * i).append("\"], \"multiple_choice_targets\": [\"").append(2 * i).append("\", \"")
                    .append(2 * i + 1).append("\"], \"idx\": ").append(i - 1).append("}\n");
        }
        Files.writeString(split, docs);
        TaskRequests r = cfg.requests(new Datasets(root, null), OptionalInt.of(2), OptionalInt.of(1));
        assertEquals(List.of(), r.problems());
        String context = r.requests().get(0).context(0);
        assertEquals(3, context.split("Q: ", -1).length - 1, context); // two shots, then the question
    }
}
