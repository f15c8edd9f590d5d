package org.elusive.task;

import java.util.List;

/**
 * A doc_to_text / doc_to_choice / doc_to_target value as lm-eval reads it: a constant (an int index,
 * a list of choices), a string (a field of the doc when the doc has such a field, else a Jinja
 * template), or a named Java port of a Python function.
 */
public sealed interface TaskField {
    record Constant(Object value) implements TaskField { }

    record Template(String text) implements TaskField { }

    record Function(String name) implements TaskField { }

    static TaskField of(Object yaml) {
        if (yaml instanceof TaskYaml.FunctionRef f) return new Function(f.name());
        if (yaml instanceof String s) return new Template(s);
        if (yaml instanceof Integer || yaml instanceof List<?>) return new Constant(yaml);
        if (yaml instanceof java.util.Map<?, ?> m) return new Constant(List.copyOf(m.values())); // lm-eval: list(dict.values())
        throw new IllegalArgumentException("expected a template string, a field name, an integer, a list, a mapping or !function NAME, got " + yaml);
    }
}
