package org.elusive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.task.TaskRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `elusive tasks`: lm-eval's `ls` lists of the built-in tasks and a --tasks-dir overlay. */
class TasksCommandTest {
    @TempDir Path dir;

    static List<String> lines(TaskRegistry r, TasksCommand.What what) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TasksCommand.print(r, what, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void groupsSubtasksAndTagsOfTheBuiltInTasks() {
        List<String> groups = lines(TaskRegistry.builtin(), TasksCommand.What.GROUPS);
        assertEquals(List.of("", "|Group|Members|", "|---|---|"), groups.subList(0, 3));
        assertTrue(groups.contains("|mmlu|mmlu_stem, mmlu_other, mmlu_social_sciences, mmlu_humanities = 57 tasks|"), groups.toString());
        List<String> tasks = lines(TaskRegistry.builtin(), TasksCommand.What.SUBTASKS);
        assertTrue(tasks.contains("|arc_easy|tasks/arc/arc_easy.yaml | multiple_choice | allenai/ai2_arc ARC-Easy|"), tasks.toString());
        assertEquals(TaskRegistry.builtin().taskNames().size() + 3, tasks.size());
        List<String> tags = lines(TaskRegistry.builtin(), TasksCommand.What.TAGS);
        assertTrue(tags.stream().anyMatch(l -> l.startsWith("|hendrycks_ethics|")), tags.toString());
    }

    @Test
    void anOverlayAddsItsTasksWithTheirPinnedRevision() throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), """
                task: my_qa
                dataset_path: org/qa
                dataset_kwargs:
                  revision: v2
                test_split: test
                output_type: loglikelihood
                doc_to_text: "{{q}}"
                doc_to_target: "{{a}}"
                """);
        List<String> all = lines(TaskRegistry.withOverlay(dir), TasksCommand.What.TASKS);
        assertTrue(all.contains("|my_qa|" + dir + "/mine.yaml | loglikelihood | org/qa @v2|"), all.toString());
        assertTrue(all.contains("|Group|Members|") && all.contains("|Task|Config location | Output type | Dataset|")
                && all.contains("|Tag|Tasks|"), all.toString());
    }
}
