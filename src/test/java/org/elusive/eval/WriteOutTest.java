package org.elusive.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.elusive.task.Request;
import org.elusive.task.Tasks;
import org.junit.jupiter.api.Test;

/** --write_out prints lm-eval's doc_to_target: the gold index, or the continuation of a loglikelihood or multiple-input task. */
class WriteOutTest {
    static String printed(String task, Request r) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Evaluator.Batch batch = new Evaluator.Batch(Map.of(task, Tasks.load(task, null)), List.of(r), List.of());
        WriteOut.print(batch, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    static String block(String task, long doc, String prompt, String target) {
        return "Task: " + task + "; document " + doc + "; context prompt (starting on next line):\n" + prompt
                + "\n(end of prompt on previous line)\ntarget string or answer choice index (starting on next line):\n" + target
                + "\n(end of target on previous line)" + System.lineSeparator();
    }

    @Test
    void theTargetIsWhatLmEvalsDocToTargetGives() {
        Request mc = new Request("arc_easy", 3, List.of("Question: Q?\nAnswer:"), List.of(" a", " b"), List.of("a", "b"), 1);
        assertEquals(block("arc_easy", 3, "Question: Q?\nAnswer:", "1"), printed("arc_easy", mc));
        Request ll = new Request("lambada_openai", 0, List.of("the cat sat on the"), List.of(" mat"), List.of(" mat"), 0);
        assertEquals(block("lambada_openai", 0, "the cat sat on the", " mat"), printed("lambada_openai", ll));
        Request wino = new Request("winogrande", 5, List.of("Ann helped Bo because Ann", "Ann helped Bo because Bo"),
                List.of(" was kind.", " was kind."), List.of("Ann helped Bo because Ann", "Ann helped Bo because Bo"), 0);
        assertEquals(block("winogrande", 5, "Ann helped Bo because Ann", "was kind."), printed("winogrande", wino));
    }
}
