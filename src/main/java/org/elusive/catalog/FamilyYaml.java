package org.elusive.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elusive.core.BadInputException;
import org.elusive.core.YamlErrors;

/**
 * Reads one family registry. Schedule keys may sit at family level (defaults) or in a model entry
 * (overrides); {@code paper:} maps merge, model over family. A model's checkpoints come from, in
 * order of precedence: {@code checkpoints} (revision → tokens), {@code steps} + {@code tokens_per_step}
 * (revision from the {@code revision} template), or {@code tokens_per_param} (one checkpoint, main).
 */
final class FamilyYaml {

    private static final Set<String> SCHEDULE = Set.of("revision", "tokens_per_step", "steps", "checkpoints", "tokens_per_param", "paper");
    private static final Set<String> FAMILY_KEYS = union(SCHEDULE, Set.of("family", "description", "architecture", "models", "sets"));
    private static final Set<String> MODEL_KEYS = union(SCHEDULE, Set.of("size", "hf", "params"));
    private static final Set<String> PAPER_KEYS = Set.of("params", "tokens_per_step", "tokens");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(step|tokens_b)(?::0(\\d)d)?}");

    /** Checkpoints per model a step list may give: Pythia has 154; a typo'd range could otherwise fill the heap. */
    static final int MAX_STEPS = 100_000;

    private final Path file;

    private FamilyYaml(Path file) { this.file = file; }

    static Family read(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid YAML at " + YamlErrors.describe(e), e);
        }
        return new FamilyYaml(file).family(root);
    }

    private Family family(JsonNode root) {
        if (root == null || !root.isObject()) throw bad("", "expected a mapping with keys family, models, ...");
        checkKeys(root, FAMILY_KEYS, "");
        String name = text(root, "family", "");
        JsonNode models = root.get("models");
        if (models == null || !models.isArray() || models.isEmpty()) throw bad("models", "expected a non-empty list of models");
        List<Family.Model> out = new ArrayList<>();
        Map<String, String> sizes = new LinkedHashMap<>();   // a size twice would list its checkpoints twice
        for (int i = 0; i < models.size(); i++) {
            String at = "models[" + i + "]";
            JsonNode m = models.get(i);
            if (!m.isObject()) throw bad(at, "expected a mapping with keys size, hf, params");
            checkKeys(m, MODEL_KEYS, at + ".");
            Family.Model model = model(root, m, at);
            String first = sizes.putIfAbsent(model.size().toLowerCase(Locale.ROOT), at);
            if (first != null) throw bad(at + ".size", "'" + model.size() + "' is listed twice (also " + first + ")");
            out.add(model);
        }
        Family bare = new Family(name, optText(root, "description"), optText(root, "architecture"), file, out, List.of());
        return new Family(bare.name(), bare.description(), bare.architecture(), file, out, sets(root.get("sets"), bare));
    }

    /**
     * {@code sets: {NAME: {label: TEXT, select: [{sizes: [..], steps: [..]}, ..]}}}: each selector takes the
     * given sizes (all when absent) at the given steps or revision names (all when absent); a set is the
     * union of its selectors, in their order. A step no selected size has is an error naming the set.
     */
    private List<ScalingSet> sets(JsonNode n, Family family) {
        List<ScalingSet> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isObject() || n.isEmpty()) throw bad("sets", "expected a mapping NAME: {label, select}");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "sets." + e.getKey();
            if (!e.getKey().matches("[\\w.-]+")) throw bad(at, "a set name is letters, digits, '_', '.' or '-'");
            JsonNode set = e.getValue();
            if (!set.isObject()) throw bad(at, "expected a mapping with keys label, select");
            checkKeys(set, Set.of("label", "select"), at + ".");
            JsonNode select = set.get("select");
            if (select == null || !select.isArray() || select.isEmpty()) throw bad(at + ".select", "expected a non-empty list of {sizes, steps}");
            Map<String, Checkpoint> members = new LinkedHashMap<>();
            for (int i = 0; i < select.size(); i++) {
                for (Checkpoint c : selected(select.get(i), family, at + ".select[" + i + "]")) members.putIfAbsent(c.spec(), c);
            }
            out.add(new ScalingSet(e.getKey(), set.hasNonNull("label") ? set.get("label").asText() : e.getKey(), family.name(),
                    file, List.copyOf(members.values())));
        }
        return out;
    }

    private List<Checkpoint> selected(JsonNode sel, Family family, String at) {
        if (!sel.isObject()) throw bad(at, "expected a mapping with keys sizes, steps");
        checkKeys(sel, Set.of("sizes", "steps"), at + ".");
        List<String> sizes = strings(sel.get("sizes"), at + ".sizes"), steps = strings(sel.get("steps"), at + ".steps");
        try {
            return family.checkpoints(sizes, steps.isEmpty() ? Steps.ALL : new Steps(steps, 0), Family.Counts.EXACT);
        } catch (BadInputException e) {
            throw bad(at, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private List<String> strings(JsonNode n, String at) {
        if (n == null) return List.of();
        if (!n.isArray() || n.isEmpty()) throw bad(at, "expected a non-empty list");
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private Family.Model model(JsonNode family, JsonNode m, String at) {
        ObjectNode s = family.deepCopy();      // family defaults, then the model's overrides
        m.fields().forEachRemaining(e -> s.set(e.getKey(), e.getValue()));
        ObjectNode paper = s.objectNode();
        for (String where : new String[] {"paper", at + ".paper"}) {
            JsonNode p = where.equals("paper") ? family.get("paper") : m.get("paper");
            if (p == null) continue;
            if (!p.isObject()) throw bad(where, "expected a mapping with keys params, tokens_per_step, tokens");
            checkKeys(p, PAPER_KEYS, where + ".");
            p.fields().forEachRemaining(e -> {
                if (e.getKey().equals("tokens") && paper.get("tokens") instanceof ObjectNode prev && e.getValue() instanceof ObjectNode add) {
                    prev.setAll(add);
                } else {
                    paper.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        String size = text(m, "size", at + ".");
        String hf = text(m, "hf", at + ".");
        if (!hf.matches("[\\w.-]+/[\\w.-]+")) throw bad(at + ".hf", "expected a Hugging Face id org/name, got '" + hf + "'");
        long params = positive(m.get("params"), at + ".params");
        long paperParams = paper.has("params") ? positive(paper.get("params"), at + ".paper.params") : params;
        Map<String, Double> paperTokens = tokensMap(paper.get("tokens"), at + ".paper.tokens");
        double paperPerStep = paper.has("tokens_per_step") ? positive(paper.get("tokens_per_step"), at + ".paper.tokens_per_step") : 0;

        List<Family.Revision> revs = new ArrayList<>();
        if (s.has("checkpoints")) {
            tokensMap(s.get("checkpoints"), at + ".checkpoints").forEach((rev, t) -> revs.add(new Family.Revision(rev, -1, t, t)));
        } else if (s.has("steps")) {
            double perStep = s.has("tokens_per_step") ? positive(s.get("tokens_per_step"), at + ".tokens_per_step") : -1;
            if (perStep < 0) throw bad(at + ".tokens_per_step", "required with steps");
            String template = s.has("revision") ? s.get("revision").asText() : "step{step}";
            if (PLACEHOLDER.matcher(template).replaceAll("").contains("{")) {
                throw bad(at + ".revision", "unknown placeholder in '" + template + "' (expected {step}, {step:03d}, {tokens_b})");
            }
            for (long step : steps(s.get("steps"), at + ".steps")) {
                double tokens = step * perStep;
                revs.add(new Family.Revision(revision(template, step, tokens), step, tokens, paperPerStep > 0 ? step * paperPerStep : tokens));
            }
        } else if (s.has("tokens_per_param")) {
            double t = params * number(s.get("tokens_per_param"), at + ".tokens_per_param");
            revs.add(new Family.Revision("main", -1, t, t));
        } else {
            throw bad(at, "no checkpoints: expected checkpoints (revision: tokens), steps with tokens_per_step, or tokens_per_param");
        }
        Map<String, Family.Revision> byName = new LinkedHashMap<>();
        for (Family.Revision r : revs) {
            if (byName.put(r.name(), r) != null) throw bad(at, "revision " + r.name() + " is listed twice");
        }
        for (var e : paperTokens.entrySet()) {
            Family.Revision r = byName.get(e.getKey());
            if (r == null) throw bad(at + ".paper.tokens." + e.getKey(), "no such revision in this model's checkpoints");
            byName.put(r.name(), new Family.Revision(r.name(), r.step(), r.tokens(), e.getValue()));
        }
        return new Family.Model(size, hf, params, paperParams, List.copyOf(byName.values()));
    }

    /** A list of steps: integers and {from, to, every} ranges (inclusive). */
    private List<Long> steps(JsonNode n, String at) {
        if (!n.isArray() || n.isEmpty()) throw bad(at, "expected a list of steps and {from, to, every} ranges");
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode x = n.get(i);
            String here = at + "[" + i + "]";
            if (x.isObject()) {
                checkKeys(x, Set.of("from", "to", "every"), here + ".");
                long from = nonNegative(x.get("from"), here + ".from"), to = nonNegative(x.get("to"), here + ".to");
                long every = positive(x.get("every"), here + ".every");
                if (to < from) throw bad(here, "to (" + to + ") is below from (" + from + ")");
                long count = (to - from) / every + 1;
                if (count > MAX_STEPS - out.size()) {
                    throw bad(here, "from " + from + " to " + to + " every " + every + " gives " + count
                            + " checkpoints; at most " + MAX_STEPS + " per model");
                }
                for (long k = 0; k < count; k++) out.add(from + k * every);   // counted: from + k·every <= to never overflows
            } else {
                out.add(nonNegative(x, here));
            }
        }
        return out;
    }

    private static String revision(String template, long step, double tokens) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long v = m.group(1).equals("step") ? step : Math.round(tokens / 1e9);
            String s = m.group(2) == null ? Long.toString(v) : String.format("%0" + m.group(2) + "d", v);
            m.appendReplacement(sb, s);
        }
        return m.appendTail(sb).toString();
    }

    private Map<String, Double> tokensMap(JsonNode n, String at) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (n == null) return out;
        if (!n.isObject() || n.isEmpty()) throw bad(at, "expected a mapping revision: tokens");
        n.fields().forEachRemaining(e -> out.put(e.getKey(), number(e.getValue(), at + "." + e.getKey())));
        return out;
    }

    private double number(JsonNode n, String at) {
        if (n == null || !n.isNumber() || n.asDouble() < 0 || !Double.isFinite(n.asDouble())) {
            throw bad(at, "expected a non-negative number, got " + (n == null ? "nothing" : "'" + n.asText() + "'"));
        }
        return n.asDouble();
    }

    private long nonNegative(JsonNode n, String at) {
        double d = number(n, at);
        if (d != Math.rint(d) || d > Long.MAX_VALUE) throw bad(at, "expected a whole number, got " + n.asText());
        return (long) d;
    }

    private long positive(JsonNode n, String at) {
        long v = nonNegative(n, at);
        if (v == 0) throw bad(at, "expected a positive number, got 0");
        return v;
    }

    private String text(JsonNode n, String key, String prefix) {
        JsonNode v = n.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) throw bad(prefix + key, "expected a non-empty string");
        return v.asText();
    }

    private static String optText(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : "";
    }

    private void checkKeys(JsonNode n, Set<String> allowed, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw bad(prefix + k, "unknown key (expected one of " + allowed.stream().sorted().toList() + ")");
        }
    }

    private BadInputException bad(String key, String what) {
        return new BadInputException(file + (key.isEmpty() ? "" : ": " + key) + ": " + what);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
