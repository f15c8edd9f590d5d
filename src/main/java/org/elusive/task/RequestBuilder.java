package org.elusive.task;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.elusive.core.BadInputException;

/**
 * lm-eval 0.4.13's {@code ConfigurableTask} prompt logic (doc_to_text / doc_to_choice / doc_to_target,
 * {@code fewshot_context}, {@code construct_requests}) for one task. Few-shot turns are
 * {@code text + target_delimiter + answer + fewshot_delimiter}; the context is
 * {@code description + turns + text}. The default sampler is Python's {@code Random(seed).sample}
 * (lm-eval's seed 1234 unless {@code --seed} says otherwise), advanced doc after doc, so the docs
 * must be built in order.
 */
final class RequestBuilder {
    private final TaskConfig cfg;
    private final Datasets data;
    private final UnaryOperator<List<Map<String, Object>>> process;
    /** Few-shot turns rendered once per example doc (MMLU's five dev questions precede every question). */
    private final Map<Map<String, Object>, String> turns = new IdentityHashMap<>();

    RequestBuilder(TaskConfig cfg, Datasets data) {
        this.cfg = cfg;
        this.data = data;
        this.process = cfg.processDocs() == null ? d -> d : Builtins.processDocs(cfg.processDocs());
    }

    /**
     * Thrown for a doc that cannot be built; the key is the YAML key that failed. A bad gold index is a
     * fact about the doc; anything else is a template or preprocessor failing.
     */
    static final class DocException extends RuntimeException {
        final String key;
        final boolean badGold;
        DocException(String key, String message, Throwable cause) { this(key, message, cause, false); }
        DocException(String key, String message, Throwable cause, boolean badGold) {
            super(message, cause);
            this.key = key;
            this.badGold = badGold;
        }
    }

    /** A split's docs after process_docs (lm-eval applies --limit and --samples to the processed docs). */
    private List<Map<String, Object>> docs(String split) {
        try {
            return process.apply(data.load(cfg.datasetPath(), cfg.datasetName(), cfg.datasetRevision(), split));
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(cfg.source() + ": process_docs: " + cfg.processDocs() + " failed on a doc of split "
                    + split + ": " + e.getMessage(), e);
        }
    }

    List<Map<String, Object>> evalDocs() { return docs(cfg.evalSplit()); }

    TaskRequests build(int k, DocSelection selection) {
        List<Map<String, Object>> docs = docs(cfg.evalSplit());
        List<Request> requests = new ArrayList<>();
        List<DocProblem> problems = new ArrayList<>();
        if (docs.isEmpty()) return new TaskRequests(cfg.name(), requests, problems);
        boolean multipleInput;
        try {
            // lm-eval decides on the first doc: doc_to_text giving an int means one context per choice
            multipleInput = cfg.docToChoice() != null && text(docs.get(0)) instanceof Integer;
        } catch (DocException e) {
            throw new BadInputException(message(e, 0), e);
        }
        int[] ids = selection.indices(cfg.name(), docs.size());
        List<Map<String, Object>> pool = k > 0 ? docs(cfg.fewshotPoolSplit()) : List.of();
        if (k > pool.size()) {
            throw new BadInputException(cfg.source() + ": num_fewshot " + k + " but the few-shot split '"
                    + cfg.fewshotPoolSplit() + "' has only " + pool.size() + " docs");
        }
        PyRandom rnd = new PyRandom(selection.fewshotSeed());
        for (int id : ids) {
            Map<String, Object> doc = docs.get(id);
            try {
                List<Map<String, Object>> shots = k == 0 ? List.of() : sample(rnd, pool, k, doc);
                requests.add(request(id, doc, shots, multipleInput));
            } catch (DocException e) {
                String msg = message(e, id);
                // a template failing on the first doc is a broken task (lm-eval tries the first doc at start-up)
                if (id == ids[0] && !e.badGold) throw new BadInputException(msg, e);
                problems.add(new DocProblem(cfg.name(), id, e.key, msg));
            }
        }
        return new TaskRequests(cfg.name(), requests, problems);
    }

    private String message(DocException e, int id) {
        return cfg.source() + ": " + e.key + ": " + e.getMessage() + " (task " + cfg.name() + ", doc " + id + ")";
    }

    /** lm-eval passes the eval doc to the sampler (to leave it out) when fewshot_split == test_split, None included. */
    private boolean excludesEvalDoc() { return Objects.equals(cfg.fewshotSplit(), cfg.testSplit()); }

    private List<Map<String, Object>> sample(PyRandom rnd, List<Map<String, Object>> pool, int k, Map<String, Object> doc) {
        Map<String, Object> evalDoc = excludesEvalDoc() ? doc : null;
        if (cfg.sampler().equals("first_n")) {
            List<Map<String, Object>> p = evalDoc == null ? pool : pool.stream().filter(x -> !x.equals(evalDoc)).toList();
            if (k > p.size()) throw new DocException("num_fewshot", "only " + p.size() + " few-shot docs available", null);
            return p.subList(0, k);
        }
        if (evalDoc == null) return rnd.sample(pool, k);
        List<Map<String, Object>> res = rnd.sample(pool, Math.min(k + 1, pool.size())).stream()
                .filter(x -> !x.equals(evalDoc)).limit(k).toList();
        if (res.size() < k) res = rnd.sample(pool.stream().filter(x -> !x.equals(evalDoc)).toList(), k);
        return res;
    }

    private Request request(int id, Map<String, Object> doc, List<Map<String, Object>> shots, boolean multipleInput) {
        StringBuilder prefix = new StringBuilder();
        if (cfg.description() != null && !cfg.description().isEmpty()) {
            prefix.append(doc.containsKey(cfg.description()) ? String.valueOf(doc.get(cfg.description()))
                    : render("description", cfg.description(), doc));
        }
        for (Map<String, Object> shot : shots) prefix.append(turns.computeIfAbsent(shot, s -> turn(s, multipleInput)));
        Object q = text(doc);
        if (cfg.outputType().equals("loglikelihood")) {
            String cont = asString("doc_to_target", target(doc));
            return new Request(cfg.name(), id, List.of(prefix + asString("doc_to_text", q)), List.of(cont), List.of(cont), 0);
        }
        List<String> choices = choices(doc);
        String delim = cfg.targetDelimiter();
        if (multipleInput) {
            String cont = asString("doc_to_target", target(doc));
            // lm-eval's multiple-input task: one context per choice, the continuation shared; its acc_norm
            // lengths are those of doc_to_choice (the partial contexts), kept here as choiceTexts
            List<String> contexts = choices.stream().map(c -> prefix + c).toList();
            int gold = gold("doc_to_text", q, choices);
            return new Request(cfg.name(), id, contexts, java.util.Collections.nCopies(choices.size(), delim + cont), choices, gold);
        }
        int gold = gold("doc_to_target", target(doc), choices);
        return new Request(cfg.name(), id, List.of(prefix + asString("doc_to_text", q)),
                choices.stream().map(c -> delim + c).toList(), choices, gold);
    }

    /** lm-eval's {@code build_qa_turn} for a few-shot example, rendered as plain text. */
    private String turn(Map<String, Object> shot, boolean multipleInput) {
        StringBuilder out = new StringBuilder();
        Object q = text(shot);
        List<String> c = cfg.docToChoice() != null ? choices(shot) : null;
        Object a = target(shot);
        if (multipleInput) {
            q = c.get(index("doc_to_text", q, c.size()));
            c = null;
        }
        boolean hasAnswer = a != null && !"".equals(a);
        out.append(asString("doc_to_text", q));
        if (!hasAnswer) return out.toString();
        out.append(cfg.targetDelimiter());
        Object answer = c != null && !c.isEmpty() && a instanceof Number i ? c.get(index("doc_to_target", i, c.size()))
                : a instanceof List<?> l ? l.get(0) : a;
        return out.append(asString("doc_to_target", answer)).append(cfg.fewshotDelimiter()).toString();
    }

    private static int gold(String key, Object target, List<String> choices) {
        if (target instanceof Number n) {
            long g = n.longValue();
            if (g < 0 || g >= choices.size()) {
                throw new DocException(key, "gold index " + g + " is out of range for " + choices.size() + " choices", null, true);
            }
            return (int) g;
        }
        if (target instanceof String s) {
            int g = choices.indexOf(s);
            if (g < 0) throw new DocException(key, "target " + PyStr.repr(s) + " is not one of the choices " + choices, null, true);
            return g;
        }
        throw new DocException(key, "expected one gold index or choice text, got " + target
                + " (multiple targets are not supported)", null, true);
    }

    private static int index(String key, Object v, int n) {
        if (!(v instanceof Number num) || num.intValue() < 0 || num.intValue() >= n) {
            throw new DocException(key, "index " + v + " is out of range for " + n + " choices", null);
        }
        return num.intValue();
    }

    private static String asString(String key, Object v) {
        if (v instanceof String s) return s;
        throw new DocException(key, "expected a string, got " + v, null);
    }

    // ---- doc_to_text / doc_to_choice / doc_to_target with lm-eval's type rules

    Object text(Map<String, Object> doc) {
        return resolve("doc_to_text", cfg.docToText(), doc, cfg.docToChoice() != null, false);
    }

    Object target(Map<String, Object> doc) {
        return resolve("doc_to_target", cfg.docToTarget(), doc, cfg.docToChoice() != null, true);
    }

    List<String> choices(Map<String, Object> doc) {
        TaskField f = cfg.docToChoice();
        try {
            Object v;
            if (f instanceof TaskField.Constant c) v = c.value();
            else if (f instanceof TaskField.Function fn) v = Builtins.docFunction(fn.name()).apply(doc);
            else {
                String t = ((TaskField.Template) f).text();
                if (doc.containsKey(t)) v = doc.get(t);
                else {
                    v = Jinja.get().evaluate(t, doc).orElse(null);
                    if (v == null || v instanceof String) v = PyLiteral.parse(v == null ? Jinja.get().render(t, doc) : (String) v);
                }
            }
            return Jinja.toStrings(v);
        } catch (DocException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DocException("doc_to_choice", String.valueOf(e.getMessage()), e);
        }
    }

    private Object resolve(String key, TaskField f, Map<String, Object> doc, boolean digitsToInt, boolean listLiteral) {
        try {
            if (f instanceof TaskField.Constant c) return c.value();
            if (f instanceof TaskField.Function fn) return Builtins.docFunction(fn.name()).apply(doc);
            String t = ((TaskField.Template) f).text();
            if (doc.containsKey(t)) return doc.get(t);
            String s = render(key, t, doc);
            if (digitsToInt && PyStr.isDigit(s)) return Integer.parseInt(s);
            if (listLiteral && s.length() >= 2 && s.startsWith("[") && s.endsWith("]")) {
                try {
                    return PyLiteral.parse(s);
                } catch (IllegalArgumentException notALiteral) {
                    return s;
                }
            }
            return s;
        } catch (DocException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DocException(key, String.valueOf(e.getMessage()), e);
        }
    }

    private static String render(String key, String template, Map<String, Object> doc) {
        try {
            return Jinja.get().render(template, doc);
        } catch (IllegalArgumentException e) {
            throw new DocException(key, e.getMessage(), e);
        }
    }
}
