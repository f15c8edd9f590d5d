package org.elusive.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.elusive.BadInputException;

/**
 * lm-eval 0.4.13's {@code ConfigurableTask} prompt logic (doc_to_text / doc_to_choice / doc_to_target,
 * {@code fewshot_context}, {@code construct_requests}) for one task. Few-shot turns are
 * {@code text + target_delimiter + answer + fewshot_delimiter}; the context is
 * {@code description + turns + text}. The default sampler is Python's {@code Random(1234).sample},
 * advanced doc after doc, so the docs must be built in order.
 */
final class RequestBuilder {
    /** The seed lm-eval's evaluator gives every task's few-shot sampler. */
    static final int FEWSHOT_SEED = 1234;

    private final TaskConfig cfg;
    private final Datasets data;
    private final UnaryOperator<Map<String, Object>> process;

    RequestBuilder(TaskConfig cfg, Datasets data) {
        this.cfg = cfg;
        this.data = data;
        this.process = cfg.processDocs() == null ? d -> d : Builtins.processDocs(cfg.processDocs());
    }

    /** Thrown for a doc that cannot be built; the key is the YAML key that failed. */
    static final class DocException extends RuntimeException {
        final String key;
        DocException(String key, String message, Throwable cause) { super(message, cause); this.key = key; }
    }

    List<Map<String, Object>> docs(String split) {
        return data.load(cfg.datasetPath(), cfg.datasetName(), split).stream().map(process).toList();
    }

    TaskRequests build(int k, OptionalInt limit) {
        List<Map<String, Object>> docs = docs(cfg.evalSplit());
        if (limit.isPresent()) docs = docs.subList(0, Math.min(limit.getAsInt(), docs.size()));
        List<Request> requests = new ArrayList<>();
        List<DocProblem> problems = new ArrayList<>();
        if (docs.isEmpty()) return new TaskRequests(cfg.name(), requests, problems);
        boolean multipleInput = cfg.docToChoice() != null && text(docs.get(0)) instanceof Integer;
        List<Map<String, Object>> pool = k > 0 ? docs(cfg.fewshotPoolSplit()) : List.of();
        if (k > pool.size() + (excludesEvalDoc() ? 1 : 0) && k > 0) {
            throw new BadInputException(cfg.source() + ": num_fewshot " + k + " but the few-shot split '"
                    + cfg.fewshotPoolSplit() + "' has only " + pool.size() + " docs");
        }
        PyRandom rnd = new PyRandom(FEWSHOT_SEED);
        for (int id = 0; id < docs.size(); id++) {
            Map<String, Object> doc = docs.get(id);
            try {
                List<Map<String, Object>> shots = k == 0 ? List.of() : sample(rnd, pool, k, doc);
                requests.add(request(id, doc, shots, multipleInput));
            } catch (DocException e) {
                String msg = cfg.source() + ": " + e.key + ": " + e.getMessage() + " (task " + cfg.name() + ", doc " + id + ")";
                if (id == 0 && !e.key.equals("target")) throw new BadInputException(msg, e);
                problems.add(new DocProblem(cfg.name(), id, e.key, msg));
            }
        }
        return new TaskRequests(cfg.name(), requests, problems);
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
        for (Map<String, Object> shot : shots) appendShot(prefix, shot, multipleInput);
        Object q = text(doc);
        if (cfg.outputType().equals("loglikelihood")) {
            String cont = asString("doc_to_target", target(doc));
            return new Request(cfg.name(), id, List.of(prefix + asString("doc_to_text", q)), List.of(cont), List.of(cont), 0);
        }
        List<String> choices = choices(doc);
        String delim = cfg.targetDelimiter();
        if (multipleInput) {
            String cont = asString("doc_to_target", target(doc));
            List<String> contexts = choices.stream().map(c -> prefix + c).toList();
            int gold = gold(q, choices);
            return new Request(cfg.name(), id, contexts, List.of(delim + cont), List.of(cont), gold);
        }
        int gold = gold(target(doc), choices);
        return new Request(cfg.name(), id, List.of(prefix + asString("doc_to_text", q)),
                choices.stream().map(c -> delim + c).toList(), choices, gold);
    }

    /** lm-eval's {@code build_qa_turn} for a few-shot example, rendered as plain text. */
    private void appendShot(StringBuilder out, Map<String, Object> shot, boolean multipleInput) {
        Object q = text(shot);
        List<String> c = cfg.docToChoice() != null ? choices(shot) : null;
        Object a = target(shot);
        if (multipleInput) {
            q = c.get(index("doc_to_text", q, c.size()));
            c = null;
        }
        boolean hasAnswer = a != null && !"".equals(a);
        out.append(asString("doc_to_text", q));
        if (!hasAnswer) return;
        out.append(cfg.targetDelimiter());
        Object answer = c != null && !c.isEmpty() && a instanceof Number i ? c.get(index("doc_to_target", i, c.size()))
                : a instanceof List<?> l ? l.get(0) : a;
        out.append(asString("doc_to_target", answer)).append(cfg.fewshotDelimiter());
    }

    private int gold(Object target, List<String> choices) {
        if (target instanceof Number n) {
            long g = n.longValue();
            if (g < 0 || g >= choices.size()) {
                throw new DocException("target", "gold index " + g + " is out of range for " + choices.size() + " choices", null);
            }
            return (int) g;
        }
        if (target instanceof String s) {
            int g = choices.indexOf(s);
            if (g < 0) throw new DocException("target", "target " + PyStr.repr(s) + " is not one of the choices " + choices, null);
            return g;
        }
        throw new DocException("target", "expected one gold index or choice text, got " + target
                + " (multiple targets are not supported)", null);
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
