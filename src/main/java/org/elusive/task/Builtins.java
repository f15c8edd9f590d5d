package org.elusive.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java ports of the Python functions lm-eval's task YAMLs name with {@code !function}. A task YAML
 * here names them {@code !function <lm-eval task folder>.<function>}, e.g.
 * {@code process_docs: !function hellaswag.process_docs}. A process_docs function maps a whole split
 * (lm-eval passes it the dataset: it may filter docs out or turn one doc into several).
 */
public final class Builtins {
    private Builtins() {}

    private static final Map<String, UnaryOperator<List<Map<String, Object>>>> PROCESS_DOCS = Map.of(
            "hellaswag.process_docs", docs -> docs.stream().map(Builtins::hellaswagDoc).toList(),
            "qasper.process_docs_bool", PaperTaskPorts::qasperBool,
            "bigbench.filter_multiple_choice", PaperTaskPorts::bigbenchMultipleChoice);

    private static final Map<String, Function<Map<String, Object>, Object>> DOC_FUNCTIONS = Map.ofEntries(
            Map.entry("winogrande.doc_to_text", Builtins::winograndeText),
            Map.entry("winogrande.doc_to_target", Builtins::winograndeTarget),
            Map.entry("winogrande.doc_to_choice", Builtins::winograndeChoice),
            // xwinograd/utils.py is winogrande's partial scoring, line for line
            Map.entry("xwinograd.doc_to_text", Builtins::winograndeText),
            Map.entry("xwinograd.doc_to_target", Builtins::winograndeTarget),
            Map.entry("xwinograd.doc_to_choice", Builtins::winograndeChoice),
            Map.entry("race.doc_to_text", Builtins::raceText),
            Map.entry("race.doc_to_target", Builtins::raceTarget),
            Map.entry("race.doc_to_choice", Builtins::raceChoice),
            Map.entry("mathqa.doc_to_choice", Builtins::mathqaChoice),
            Map.entry("hendrycks_ethics.doc_to_text", PaperTaskPorts::utilitarianismText),
            Map.entry("hendrycks_ethics.doc_to_target", PaperTaskPorts::utilitarianismTarget),
            Map.entry("logiqa.doc_to_text", PaperTaskPorts::logiqaText),
            Map.entry("logiqa.doc_to_target", PaperTaskPorts::logiqaTarget),
            Map.entry("logiqa2.doc_to_text", PaperTaskPorts::logiqa2Text),
            Map.entry("pubmedqa.doc_to_text", PaperTaskPorts::pubmedqaText));

    public static UnaryOperator<List<Map<String, Object>>> processDocs(String name) { return PROCESS_DOCS.get(name); }

    public static Function<Map<String, Object>, Object> docFunction(String name) { return DOC_FUNCTIONS.get(name); }

    public static Set<String> processDocsNames() { return new TreeSet<>(PROCESS_DOCS.keySet()); }

    public static Set<String> docFunctionNames() { return new TreeSet<>(DOC_FUNCTIONS.keySet()); }

    // ---- HellaSwag (lm_eval/tasks/hellaswag/utils.py)

    private static final Pattern BRACKETS = Pattern.compile("\\[.*?\\]", Pattern.UNIX_LINES);

    /** hellaswag's {@code preprocess}: strip, " [title]" → ". ", drop [bracketed] WikiHow artifacts, "  " → " ". */
    public static String hellaswagPreprocess(String text) {
        String t = PyStr.strip(text).replace(" [title]", ". ");
        t = BRACKETS.matcher(t).replaceAll("");
        return t.replace("  ", " ");
    }

    private static Map<String, Object> hellaswagDoc(Map<String, Object> doc) {
        String ctx = str(doc, "ctx_a") + " " + PyStr.capitalize(str(doc, "ctx_b"));
        Map<String, Object> out = new LinkedHashMap<>(doc);
        out.put("query", hellaswagPreprocess(str(doc, "activity_label") + ": " + ctx));
        out.put("choices", list(doc, "endings").stream().map(e -> hellaswagPreprocess(String.valueOf(e))).toList());
        out.put("gold", Integer.parseInt(String.valueOf(doc.get("label")).strip()));
        return out;
    }

    // ---- WinoGrande partial scoring (lm_eval/tasks/winogrande/preprocess_winogrande.py)

    private static Object winograndeText(Map<String, Object> doc) {
        return switch (str(doc, "answer")) {
            case "1" -> 0;
            case "2" -> 1;
            default -> throw new IllegalArgumentException("answer must be \"1\" or \"2\", got " + doc.get("answer"));
        };
    }

    private static Object winograndeTarget(Map<String, Object> doc) {
        String s = str(doc, "sentence");
        return PyStr.strip(s.substring(blank(s) + 1));
    }

    private static Object winograndeChoice(Map<String, Object> doc) {
        String s = str(doc, "sentence");
        String head = s.substring(0, blank(s));
        return List.of(head + str(doc, "option1"), head + str(doc, "option2"));
    }

    private static int blank(String sentence) {
        int k = sentence.indexOf('_');
        if (k < 0) throw new IllegalArgumentException("sentence has no '_' blank: " + sentence);
        return k;
    }

    // ---- RACE (lm_eval/tasks/race/preprocess_race.py)

    private static List<Map<String, Object>> problems(Map<String, Object> doc) {
        Object p = doc.get("problems");
        Object parsed = p instanceof String s ? PyLiteral.parse(s) : p;
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) parsed) {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) o;
            out.add(m);
        }
        return out;
    }

    private static int letter(Map<String, Object> problem) {
        String a = String.valueOf(problem.get("answer"));
        int k = List.of("A", "B", "C", "D").indexOf(a);
        if (k < 0) throw new IllegalArgumentException("answer must be one of A-D, got " + a);
        return k;
    }

    private static String answerOption(Map<String, Object> problem) {
        return String.valueOf(((List<?>) problem.get("options")).get(letter(problem)));
    }

    private static Object raceChoice(Map<String, Object> doc) {
        List<?> options = (List<?>) problems(doc).get(problems(doc).size() - 1).get("options");
        return List.of(0, 1, 2, 3).stream().map(i -> String.valueOf(options.get(i))).toList();
    }

    private static Object raceText(Map<String, Object> doc) {
        List<Map<String, Object>> ps = problems(doc);
        StringBuilder text = new StringBuilder("Article: ").append(str(doc, "article")).append("\n\n");
        for (Map<String, Object> problem : ps.subList(0, ps.size() - 1)) {
            String q = String.valueOf(problem.get("question"));
            if (q.endsWith("  _  .")) {
                text.append(q, 0, q.length() - 5).append(answerOption(problem)).append('\n');
            } else {
                text.append("Question: ").append(q).append('\n').append("Answer: ").append(answerOption(problem)).append('\n');
            }
        }
        return text.append(ps.get(ps.size() - 1).get("question")).toString();
    }

    private static Object raceTarget(Map<String, Object> doc) {
        List<Map<String, Object>> ps = problems(doc);
        return letter(ps.get(ps.size() - 1));
    }

    // ---- MathQA (lm_eval/tasks/mathqa/utils.py)

    private static final Pattern MATHQA_OPTION = Pattern.compile("[abcd] \\) .*?, |e \\) .*?$", Pattern.UNIX_LINES);

    private static Object mathqaChoice(Map<String, Object> doc) {
        Matcher m = MATHQA_OPTION.matcher(str(doc, "options"));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String c = m.group();
            out.add(PyStr.rstrip(c.substring(Math.min(c.length(), c.offsetByCodePoints(0, Math.min(4, c.codePointCount(0, c.length()))))), " ,"));
        }
        return out;
    }

    // ----

    static String str(Map<String, Object> doc, String key) {
        if (!doc.containsKey(key)) throw new IllegalArgumentException("doc has no field '" + key + "'");
        return String.valueOf(doc.get(key));
    }

    static List<?> list(Map<String, Object> doc, String key) {
        if (!(doc.get(key) instanceof List<?> l)) throw new IllegalArgumentException("doc field '" + key + "' is not a list");
        return l;
    }
}
