package org.elusive.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Java ports of the lm-eval 0.4.13 utilities behind the tasks the scaling papers ran (ETHICS
 * utilitarianism, LogiQA, LogiQA 2.0, PubMedQA, QASPER bool, BIG-bench multiple choice), registered
 * in {@link Builtins}. Each mirrors its Python line for line: the prompts must be byte-equal.
 */
final class PaperTaskPorts {
    private PaperTaskPorts() {}

    private static final List<String> ABCD = List.of("a", "b", "c", "d");

    // ---- ETHICS utilitarianism (lm_eval/tasks/hendrycks_ethics/utils.py)

    /**
     * {@code _preproc_doc}'s ordering: {@code random.Random(activity)} shuffles [0, 1], so the order of
     * the two scenarios is a fixed function of the activity text; the result is {@code ordering}.
     */
    private static List<Integer> utilitarianismOrder(Map<String, Object> doc) {
        List<Integer> ordering = new ArrayList<>(List.of(0, 1));
        PyRandom.ofString(Builtins.str(doc, "activity")).shuffle(ordering);
        return ordering;
    }

    static Object utilitarianismText(Map<String, Object> doc) {
        List<String> scenarios = List.of(Builtins.str(doc, "activity"), Builtins.str(doc, "baseline"));
        List<Integer> o = utilitarianismOrder(doc);
        return "Scenario 1: " + scenarios.get(o.get(0)) + "\nScenario 2: " + scenarios.get(o.get(1))
                + "\nQuestion: Is Scenario 1 preferable?\nAnswer:";
    }

    /** 1 when the activity (the preferable scenario) came first. */
    static Object utilitarianismTarget(Map<String, Object> doc) {
        return utilitarianismOrder(doc).indexOf(0) == 0 ? 1 : 0;
    }

    // ---- LogiQA (lm_eval/tasks/logiqa/utils_logiqa.py) and LogiQA 2.0 (logiqa2/utils_logiqa2.py)

    /** "A. option\n" per option, zipped with a-d as Python's zip (stops at the shorter). */
    private static String lettered(Map<String, Object> doc) {
        List<?> options = Builtins.list(doc, "options");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(ABCD.size(), options.size()); i++) {
            b.append(ABCD.get(i).toUpperCase()).append(". ").append(options.get(i)).append('\n');
        }
        return b.toString();
    }

    static Object logiqaText(Map<String, Object> doc) {
        return "Passage: " + Builtins.str(doc, "context") + "\nQuestion: " + Builtins.str(doc, "question")
                + "\nChoices:\n" + lettered(doc) + "Answer:";
    }

    static Object logiqaTarget(Map<String, Object> doc) {
        String label = PyStr.strip(Builtins.str(doc, "label"));
        int k = ABCD.indexOf(label);
        if (k < 0) throw new IllegalArgumentException("label must be one of a-d, got " + doc.get("label"));
        return k;
    }

    static Object logiqa2Text(Map<String, Object> doc) {
        return "Passage: " + Builtins.str(doc, "text") + "\nQuestion: " + Builtins.str(doc, "question") + "\n"
                + lettered(doc) + "Answer:";
    }

    // ---- PubMedQA (lm_eval/tasks/pubmedqa/preprocess_pubmedqa.py)

    static Object pubmedqaText(Map<String, Object> doc) {
        List<String> ctxs = Builtins.list(doc, "CONTEXTS").stream().map(String::valueOf).toList();
        return "Abstract: " + String.join("\n", ctxs) + "\nQuestion: " + Builtins.str(doc, "QUESTION") + "\nAnswer:";
    }

    // ---- QASPER (lm_eval/tasks/qasper/utils.py, process_docs with set_answer_type="bool")

    /**
     * One doc per (question, annotator answer) whose answer is yes/no, in paper → question → answer
     * order, holding title, abstract, question, answer ("yes" | "no") and answer_type, as lm-eval's
     * {@code _flatten} + {@code Dataset.from_dict}.
     */
    static List<Map<String, Object>> qasperBool(List<Map<String, Object>> papers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> paper : papers) {
            if (!(paper.get("qas") instanceof Map<?, ?> qas)) throw new IllegalArgumentException("doc field 'qas' is not a mapping");
            List<?> questions = (List<?>) qas.get("question");
            List<?> answers = (List<?>) qas.get("answers");
            for (int q = 0; q < Math.min(questions.size(), answers.size()); q++) {
                for (Object blob : (List<?>) ((Map<?, ?>) answers.get(q)).get("answer")) {
                    String yesNo = boolAnswer((Map<?, ?>) blob);
                    if (yesNo == null) continue;
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("title", Builtins.str(paper, "title"));
                    doc.put("abstract", Builtins.str(paper, "abstract"));
                    doc.put("question", questions.get(q));
                    doc.put("answer", yesNo);
                    doc.put("answer_type", "bool");
                    out.add(doc);
                }
            }
        }
        return out;
    }

    /** {@code _categorise_answer} when it yields type "bool": "yes" or "no"; null for the other types. */
    private static String boolAnswer(Map<?, ?> blob) {
        if (truthy(blob.get("unanswerable"))) return null;
        if (truthy(blob.get("yes_no"))) return "yes";
        if (truthy(blob.get("free_form_answer")) || truthy(blob.get("extractive_spans"))) return null;
        if (Boolean.FALSE.equals(blob.get("yes_no"))) return "no";
        // lm-eval fails here too (unpacking the None its _categorise_answer returns)
        throw new IllegalArgumentException("an answer is neither unanswerable, yes/no, free-form nor extractive: " + blob);
    }

    /** Python's truth value for the JSON values an answer holds. */
    private static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof List<?> l) return !l.isEmpty();
        throw new IllegalArgumentException("unexpected answer value " + v);
    }

    // ---- BIG-bench (lm_eval/tasks/bigbench/utils.py)

    /** {@code filter_multiple_choice}: drops docs with no multiple_choice_targets. */
    static List<Map<String, Object>> bigbenchMultipleChoice(List<Map<String, Object>> docs) {
        return docs.stream().filter(d -> !Builtins.list(d, "multiple_choice_targets").isEmpty()).toList();
    }
}
