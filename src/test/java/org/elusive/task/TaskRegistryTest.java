package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.elusive.CliRun;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRegistryTest {
    @TempDir Path tmp;

    @Test
    void shipsTheElusiveTasks() {
        assertEquals(List.of("anli_r1", "anli_r2", "anli_r3", "arc_challenge", "arc_easy",
                        "bigbench_abstract_narrative_understanding_multiple_choice", "bigbench_analogical_similarity_multiple_choice",
                        "bigbench_arithmetic_multiple_choice", "bigbench_conceptual_combinations_multiple_choice",
                        "bigbench_hindu_knowledge_multiple_choice", "bigbench_parsinlu_qa_multiple_choice",
                        "ethics_cm", "ethics_deontology", "ethics_justice", "ethics_utilitarianism", "ethics_virtue",
                        "hellaswag", "lambada_openai", "logiqa", "logiqa2", "mathqa", "mc_taco", "openbookqa", "piqa", "prost",
                        "pubmedqa", "qasper_bool", "race", "sciq", "social_iqa", "sycophancy_on_nlp_survey",
                        "sycophancy_on_philpapers2020", "sycophancy_on_political_typology_quiz", "winogrande", "xwinograd_en"),
                TaskRegistry.builtin().taskNames().stream().filter(t -> !t.startsWith("mmlu_")).toList());
    }

    @Test
    void papersTasksExpandByLmEvalsTagsAndIncludes() {
        assertEquals(List.of("anli_r1", "anli_r2", "anli_r3"), Tasks.expand("anli"));
        assertEquals(5, Tasks.expand("hendrycks_ethics").size());
        assertEquals(3, Tasks.expand("sycophancy").size());
        assertEquals(6, Tasks.expand("bigbench_multiple_choice_a").size());
        TaskRegistry r = TaskRegistry.builtin();
        // ethics_justice.yaml includes deontology.yaml, which includes commonsense.yaml
        TaskConfig justice = r.get("ethics_justice");
        assertEquals("justice", justice.datasetName());
        assertEquals(new TaskField.Constant(List.of("unreasonable", "reasonable")), justice.docToChoice());
        assertEquals("train", justice.fewshotPoolSplit());
        TaskConfig bb = r.get("bigbench_parsinlu_qa_multiple_choice");
        assertEquals("parsinlu_qa_zero_shot", bb.datasetName());
        assertEquals("default", bb.evalSplit());
        assertEquals("default", bb.fewshotPoolSplit()); // no train split: lm-eval draws the shots from the scored split
        assertEquals(0, bb.defaultNumFewshot()); // the papers' 2 shots are --num-fewshot 2
        assertEquals("bigbench.filter_multiple_choice", bb.processDocs());
        assertEquals("validation", r.get("qasper_bool").evalSplit());
        assertEquals("corypaik/prost", r.get("prost").datasetPath());
    }

    @Test
    void mmluExpandsToItsSubjectsFiveShotFromDev() {
        List<String> mmlu = Tasks.expand("mmlu");
        assertEquals(57, mmlu.size());
        assertEquals(57, mmlu.stream().distinct().count());
        assertTrue(mmlu.contains("mmlu_abstract_algebra") && mmlu.contains("mmlu_world_religions"));
        assertEquals(19, Tasks.expand("mmlu_stem").size()); // lm-eval 0.4.13: 19 + 13 + 12 + 13
        TaskConfig c = TaskRegistry.builtin().get("mmlu_college_computer_science");
        assertEquals("cais/mmlu", c.datasetPath());
        assertEquals("college_computer_science", c.datasetName());
        assertEquals("test", c.evalSplit());
        assertEquals("dev", c.fewshotPoolSplit());
        assertEquals("first_n", c.sampler());
        assertEquals(5, c.defaultNumFewshot());
        assertEquals("The following are multiple choice questions (with answers) about college computer science.\n\n", c.description());
    }

    @Test
    void expandsListsTagsAndIncludes() {
        assertEquals(List.of("arc_easy", "piqa", "arc_challenge"), Tasks.expand("arc_easy, piqa,ai2_arc"));
        TaskConfig ch = TaskRegistry.builtin().get("arc_challenge");
        assertEquals("ARC-Challenge", ch.datasetName());
        assertEquals(new TaskField.Template("{{choices.label.index(answerKey)}}"), ch.docToTarget()); // from arc_easy.yaml
        TaskConfig wg = TaskRegistry.builtin().get("winogrande");
        assertEquals(new TaskField.Function("winogrande.doc_to_text"), wg.docToText());
        assertEquals("validation", wg.evalSplit());
        assertEquals(new TaskField.Constant(3), TaskRegistry.builtin().get("sciq").docToTarget());
        assertEquals(new TaskField.Constant(List.of("no", "yes")), TaskRegistry.builtin().get("mc_taco").docToChoice());
        assertEquals("loglikelihood", TaskRegistry.builtin().get("lambada_openai").outputType());
    }

    @Test
    void unknownTaskNamesTheKnownOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> Tasks.expand("arc_eazy"));
        assertTrue(e.getMessage().contains("unknown task 'arc_eazy'"), e.getMessage());
        assertTrue(e.getMessage().contains("arc_easy") && e.getMessage().contains("mmlu"), e.getMessage());
    }

    @Test
    void overlayAddsAndReplacesTasks() throws IOException {
        Files.writeString(tmp.resolve("mine.yaml"), "include: base.yml\ntask: my_task\ndoc_to_text: \"Q: {{q}}\"\n");
        Files.writeString(tmp.resolve("base.yml"), "dataset_path: me/data\ntest_split: test\ndoc_to_choice: [\"x\", \"y\"]\ndoc_to_target: 1\n");
        Files.writeString(tmp.resolve("piqa.yaml"), "task: piqa\ndataset_path: other/piqa\ntest_split: test\ndoc_to_text: goal\n"
                + "doc_to_choice: \"{{[sol1, sol2]}}\"\ndoc_to_target: label\n");
        TaskRegistry r = TaskRegistry.withOverlay(tmp);
        assertEquals("me/data", r.get("my_task").datasetPath());
        assertEquals("other/piqa", r.get("piqa").datasetPath());
        assertEquals("allenai/ai2_arc", r.get("arc_easy").datasetPath());
        assertEquals("other/piqa", Tasks.load("piqa", tmp).datasetPath());
        assertEquals("baber/piqa", Tasks.load("piqa", null).datasetPath());
    }

    @Test
    void badYamlNamesFileAndKey() throws IOException {
        Files.writeString(tmp.resolve("t.yaml"), "task: t\ndataset_path: a/b\ntest_split: test\ndoc_to_text: x\ndoc_to_target: 0\n"
                + "doc_to_choice: [\"a\"]\ndoc_to_txet: y\n");
        BadInputException e = assertThrows(BadInputException.class, () -> TaskRegistry.of(tmp));
        assertTrue(e.getMessage().contains("t.yaml") && e.getMessage().contains("'doc_to_txet' is not supported"), e.getMessage());

        Files.writeString(tmp.resolve("t.yaml"), "task: t\ndataset_path: a/b\ntest_split: test\ndoc_to_text: x\ndoc_to_target: 0\n"
                + "doc_to_choice: !function nope.doc_to_choice\n");
        e = assertThrows(BadInputException.class, () -> TaskRegistry.of(tmp));
        assertTrue(e.getMessage().contains("doc_to_choice: unknown !function nope.doc_to_choice"), e.getMessage());

        Files.writeString(tmp.resolve("t.yaml"), "task: t\ndataset_path: a/b\ntest_split: test\ndoc_to_text: x\ndoc_to_target: 0\n");
        e = assertThrows(BadInputException.class, () -> TaskRegistry.of(tmp));
        assertTrue(e.getMessage().contains("doc_to_choice: required"), e.getMessage());

        Files.writeString(tmp.resolve("t.yaml"), "task: [unclosed\n");
        e = assertThrows(BadInputException.class, () -> TaskRegistry.of(tmp));
        assertTrue(e.getMessage().contains("t.yaml: invalid YAML at line 2 column 1: while parsing a flow sequence;"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /** An empty task file (or one of comments only) is named, not skipped into an "unknown task". */
    @ParameterizedTest
    @ValueSource(strings = {"", "# a task, some day\n", "{}\n"})
    void emptyTaskFileIsNamed(String text) throws IOException {
        Path f = Files.writeString(tmp.resolve("toy.yaml"), text);
        String message = tmp + "/toy.yaml: empty (expected 'task: NAME', or 'group: NAME' with a list 'task')";
        assertEquals(message, assertThrows(BadInputException.class, () -> TaskRegistry.of(tmp)).getMessage());
        CliRun r = CliRun.run("eval", "--model", tmp.resolve("no-model").toString(), "--tasks-dir", tmp.toString(),
                "--tasks", "toy", "--data-dir", tmp.toString(), "--out", tmp.resolve("out.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + message, r.err().strip());
        assertTrue(Files.exists(f));
    }

    @Test
    void fingerprintFollowsTheConfig() throws IOException {
        String yaml = "task: t\ndataset_path: a/b\ntest_split: test\ndoc_to_text: x\ndoc_to_target: 0\ndoc_to_choice: [\"a\", \"b\"]\n";
        Files.writeString(tmp.resolve("t.yaml"), yaml);
        String f1 = TaskRegistry.of(tmp).get("t").fingerprint();
        Files.writeString(tmp.resolve("t.yaml"), "# a comment, keys reordered\ndoc_to_choice: [\"a\", \"b\"]\n" + yaml.replace("doc_to_choice: [\"a\", \"b\"]\n", ""));
        assertEquals(f1, TaskRegistry.of(tmp).get("t").fingerprint());
        Files.writeString(tmp.resolve("t.yaml"), yaml.replace("doc_to_text: x", "doc_to_text: y"));
        assertNotEquals(f1, TaskRegistry.of(tmp).get("t").fingerprint());
        assertEquals(64, f1.length());
        TaskConfig arc = TaskRegistry.builtin().get("arc_easy");
        assertNotEquals(arc.fingerprint(OptionalInt.empty(), DocSelection.all()), arc.fingerprint(OptionalInt.of(5), DocSelection.all()));
        assertNotEquals(TaskRegistry.builtin().get("arc_challenge").fingerprint(), arc.fingerprint());
    }
}
