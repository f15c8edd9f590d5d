package org.elusive.eval;

import java.io.PrintStream;
import org.elusive.task.Request;
import org.elusive.task.TaskConfig;

/**
 * lm-eval's {@code --write_out}: for each task, the first scored document's prompt and target, in
 * lm-eval's words ({@code evaluator_utils.print_writeout}), printed once the requests are built and
 * before the model loads. The target is what lm-eval prints, {@code doc_to_target}: the gold choice's
 * index for a multiple-choice task, the continuation for a loglikelihood or multiple-input task.
 * lm-eval's Python repr of the request is not printed.
 */
public final class WriteOut {
    private WriteOut() {}

    public static void print(Evaluator.Batch batch, PrintStream out) {
        for (var e : batch.configs().entrySet()) {
            batch.requests().stream().filter(r -> r.task().equals(e.getKey())).findFirst().ifPresent(r -> print(e.getValue(), r, out));
        }
    }

    static void print(TaskConfig cfg, Request r, PrintStream out) {
        out.println("Task: " + cfg.name() + "; document " + r.docId() + "; context prompt (starting on next line):\n"
                + r.contexts().get(0) + "\n(end of prompt on previous line)\n"
                + "target string or answer choice index (starting on next line):\n" + target(cfg, r)
                + "\n(end of target on previous line)");
    }

    private static String target(TaskConfig cfg, Request r) {
        boolean continuation = cfg.outputType().equals("loglikelihood") || r.contexts().size() > 1;
        if (!continuation) return String.valueOf(r.gold());
        String c = r.continuations().get(0);
        // a multiple-input task's continuation carries the target delimiter in front; doc_to_target does not
        return cfg.outputType().equals("loglikelihood") || !c.startsWith(cfg.targetDelimiter()) ? c : c.substring(cfg.targetDelimiter().length());
    }
}
