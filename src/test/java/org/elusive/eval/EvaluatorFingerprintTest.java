package org.elusive.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.elusive.scoring.ScoringOptions;
import org.elusive.task.DocSelection;
import org.elusive.task.Limit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep unit's task fingerprint follows the dataset's content and revision, the doc selection and the few-shot seed. */
class EvaluatorFingerprintTest {
    @TempDir Path tmp;
    Path tasks, data, split;

    @BeforeEach
    void aTaskAndItsData() throws Exception {
        tasks = Files.createDirectories(tmp.resolve("tasks"));
        Files.writeString(tasks.resolve("qa.yaml"), """
                task: fp_qa
                dataset_path: org/qa
                test_split: test
                output_type: loglikelihood
                doc_to_text: "{{q}}"
                doc_to_target: " {{a}}"
                """);
        data = tmp.resolve("data");
        split = data.resolve("org/qa/default/test.jsonl");
        Files.createDirectories(split.getParent());
        Files.writeString(split, "{\"q\": \"1+1=\", \"a\": \"2\"}\n");
    }

    String fingerprint(DocSelection selection) {
        return new Evaluator(new TaskSource(data, tasks, OptionalInt.empty(), selection), ScoringOptions.defaults()).fingerprint("fp_qa");
    }

    @Test
    void theDataTheSelectionAndTheSeedAreInIt() throws Exception {
        String base = fingerprint(DocSelection.all());
        assertTrue(base.contains(":limit=all:fewshotSeed=1234:data=rev=local;sha256="), base);
        assertEquals(base, fingerprint(DocSelection.all()));
        assertNotEquals(base, fingerprint(DocSelection.first(Limit.parse("0.5"))));
        assertNotEquals(base, fingerprint(new DocSelection(Limit.NONE, Map.of(), 42)));
        assertNotEquals(base, fingerprint(new DocSelection(Limit.NONE, Map.of("fp_qa", java.util.List.of(0)), 1234)));
        Files.writeString(split, "{\"q\": \"1+1=\", \"a\": \"3\"}\n");   // the same file, edited
        assertNotEquals(base, fingerprint(DocSelection.all()));
    }
}
