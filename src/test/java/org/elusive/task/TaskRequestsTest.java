package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error paths and options of TaskConfig.requests on small hand-written tasks. */
class TaskRequestsTest {
    @TempDir Path tmp;
    Path tasks;
    Path data;

    @BeforeEach
    void setUp() throws IOException {
        tasks = Files.createDirectories(tmp.resolve("tasks"));
        data = Files.createDirectories(tmp.resolve("data/org/qa/default"));
        Files.writeString(data.resolve("test.jsonl"), """
                {"q": "one", "choices": ["a", "b"], "label": 1}
                {"q": "two", "choices": ["c", "d"], "label": 0}
                {"q": "three", "choices": ["e", "f"], "label": 2}
                {"q": "four", "choices": ["g", "h"], "label": 0}
                """);
        Files.writeString(data.resolve("train.jsonl"), """
                {"q": "s1", "choices": ["x", "y"], "label": 0}
                {"q": "s2", "choices": ["x", "y"], "label": 1}
                """);
    }

    TaskConfig task(String extra) throws IOException {
        Files.writeString(tasks.resolve("qa.yaml"), "task: qa\ndataset_path: org/qa\ntest_split: test\ntraining_split: train\n"
                + "doc_to_choice: choices\ndoc_to_target: label\n" + extra);
        return TaskRegistry.of(tasks).get("qa");
    }

    @Test
    void outOfRangeTargetIsAProblemNotAFailure() throws IOException {
        TaskRequests r = task("doc_to_text: \"Q: {{q}}\"\n").requests(data.getParent().getParent().getParent(), OptionalInt.empty(), OptionalInt.empty());
        assertEquals(List.of(0L, 1L, 3L), r.requests().stream().map(Request::docId).toList());
        assertEquals(1, r.problems().size());
        DocProblem p = r.problems().get(0);
        assertEquals(2, p.docId());
        assertTrue(p.message().contains("qa.yaml") && p.message().contains("gold index 2 is out of range for 2 choices")
                && p.message().contains("task qa, doc 2"), p.message());
        Request first = r.requests().get(0);
        assertEquals(List.of("Q: one"), first.contexts());
        assertEquals(List.of(" a", " b"), first.continuations());
        assertEquals(List.of("a", "b"), first.choiceTexts());
        assertEquals(1, first.gold());
    }

    @Test
    void templateErrorOnTheFirstDocFailsWithFileKeyAndDoc() throws IOException {
        TaskConfig t = task("doc_to_text: \"Q: {{question}}\"\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> t.requests(tmp.resolve("data"), OptionalInt.empty(), OptionalInt.empty()));
        assertTrue(e.getMessage().contains("qa.yaml: doc_to_text:") && e.getMessage().contains("question")
                && e.getMessage().contains("doc 0"), e.getMessage());
    }

    @Test
    void templateErrorOnALaterDocIsAProblem() throws IOException {
        Files.writeString(data.resolve("test.jsonl"), """
                {"q": "one", "hint": "h", "choices": ["a", "b"], "label": 1}
                {"q": "two", "choices": ["c", "d"], "label": 0}
                """);
        TaskRequests r = task("doc_to_text: \"{{q}} ({{hint}})\"\n").requests(tmp.resolve("data"), OptionalInt.empty(), OptionalInt.empty());
        assertEquals(List.of("one (h)"), r.requests().stream().map(q -> q.context(0)).toList());
        assertEquals(1, r.problems().size());
        assertEquals("doc_to_text", r.problems().get(0).key());
        assertTrue(r.problems().get(0).message().contains("hint") && r.problems().get(0).message().contains("doc 1"),
                r.problems().get(0).message());
    }

    @Test
    void missingDatasetNamesThePathsTried() throws IOException {
        TaskConfig t = task("doc_to_text: q\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> t.requests(tmp.resolve("nowhere"), OptionalInt.empty(), OptionalInt.empty()));
        assertTrue(e.getMessage().contains("dataset org/qa (config default, split test) not found")
                && e.getMessage().contains(tmp.resolve("nowhere/org/qa/default/test.*").toString())
                && e.getMessage().contains("datasets--org--qa")
                && e.getMessage().endsWith("fetch it with: huggingface-cli download --repo-type dataset org/qa"), e.getMessage());
    }

    @Test
    void limitAndFewShotFromTheTrainingSplit() throws IOException {
        TaskRequests r = task("doc_to_text: \"Q: {{q}}\"\nfewshot_config:\n  sampler: first_n\ndescription: \"Answer.\\n\\n\"\n")
                .requests(tmp.resolve("data"), OptionalInt.of(2), OptionalInt.of(2));
        assertEquals(2, r.requests().size());
        assertEquals("Answer.\n\nQ: s1 x\n\nQ: s2 y\n\nQ: two", r.requests().get(1).context(0));
        BadInputException e = assertThrows(BadInputException.class, () -> task("doc_to_text: q\n")
                .requests(tmp.resolve("data"), OptionalInt.of(3), OptionalInt.empty()));
        assertTrue(e.getMessage().contains("num_fewshot 3 but the few-shot split 'train' has only 2 docs"), e.getMessage());
    }

    @Test
    void stringTargetsIndexTheChoicesAndListLiteralsBecomeLists() throws IOException {
        Files.writeString(data.resolve("test.jsonl"), "{\"q\": \"one\", \"a\": \"yes\", \"b\": \"no\", \"ans\": \"no\"}\n");
        Files.writeString(tasks.resolve("qa.yaml"), "task: qa\ndataset_path: org/qa\ntest_split: test\n"
                + "doc_to_text: q\ndoc_to_choice: \"{{[a, b]}}\"\ndoc_to_target: \"{{ans}}\"\ntarget_delimiter: \"\"\n");
        Request q = TaskRegistry.of(tasks).get("qa").requests(tmp.resolve("data"), OptionalInt.empty(), OptionalInt.empty()).requests().get(0);
        assertEquals(List.of("yes", "no"), q.continuations());
        assertEquals(1, q.gold());
    }

    @Test
    void mappingChoicesAreItsValuesAndIntTargetsIndexThem() throws IOException {
        Files.writeString(tasks.resolve("qa.yaml"), "task: qa\ndataset_path: org/qa\ntest_split: test\n"
                + "doc_to_text: \"{{q}}?\"\ndoc_to_choice: {n: \"no\", y: \"yes\"}\ndoc_to_target: \"{{label}}\"\n");
        TaskRequests r = TaskRegistry.of(tasks).get("qa").requests(tmp.resolve("data"), OptionalInt.empty(), OptionalInt.of(2));
        assertEquals(List.of(" no", " yes"), r.requests().get(0).continuations());
        assertEquals(List.of(1, 0), r.requests().stream().map(Request::gold).toList()); // "1" rendered → index 1
    }
}
