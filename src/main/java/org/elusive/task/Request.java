package org.elusive.task;

import java.util.List;

/**
 * One document of a task turned into what the scorer needs. {@code contexts} has one entry shared by
 * every choice, or one per choice (WinoGrande's partial scoring: the context varies, the continuation
 * is shared). {@code continuations} already start with the target delimiter; {@code choiceTexts} are
 * the choices without it (their lengths feed acc_norm, as lm-eval's). A loglikelihood task such as
 * LAMBADA is one choice with gold 0. For a per-choice-context task {@code continuations} repeats the
 * shared continuation once per choice and {@code choiceTexts} are lm-eval's choices there, the
 * per-choice contexts without few-shot prefix (what lm-eval's acc_norm divides by).
 */
public record Request(String task, long docId, List<String> contexts, List<String> continuations,
        List<String> choiceTexts, int gold) {
    public int nChoices() { return continuations.size(); }
    public String context(int choice) { return contexts.size() == 1 ? contexts.get(0) : contexts.get(choice); }
}
