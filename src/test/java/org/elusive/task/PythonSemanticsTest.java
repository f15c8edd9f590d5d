package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python literal parsing, str methods and Jinja2 error behaviour, with CPython's values. */
class PythonSemanticsTest {
    @Test
    void parsesReprsOfListsAndDicts() {
        // str() of [{'answer': 'A', 'options': [...], 'question': "It's  _  ."}], as RACE stores its problems
        Object v = PyLiteral.parse("[{'answer': 'A', 'options': ['a\\'b', \"c'd\", 'e\\\\f', 'g\\nh'], 'question': \"It's  _  .\"}, (1, -2.5e3, True, None)]");
        assertEquals(List.of(Map.of("answer", "A", "options", List.of("a'b", "c'd", "e\\f", "g\nh"), "question", "It's  _  ."),
                Arrays.asList(1, -2500.0, true, null)), v);
        assertEquals("é\u00a0x", PyLiteral.parse("'\\xe9\\u00a0' 'x'"));
        assertEquals(List.of(), PyLiteral.parse(" [ ] "));
        assertEquals(12345678901L, PyLiteral.parse("12345678901"));
    }

    @Test
    void rejectsWhatLiteralEvalRejects() {
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("[a, b]"));
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("['a'"));
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("'a' b"));
    }

    @Test
    void pythonStringMethods() {
        assertEquals(List.of("a", "b", "", "c", ""), PyStr.split("a b  c ", " "));
        assertEquals(List.of("a", "b", "c"), PyStr.split("\u00a0a b\u2003 c \n"));
        assertEquals("x", PyStr.strip("\u00a0\u202f x \u3000\u001c"));
        assertEquals("Sss straße", PyStr.capitalize("ßS STRAßE")); // as CPython 3.11
        assertEquals("'it\\'s \"x\"'", PyStr.repr("it's \"x\""));
        assertEquals("\"it's\"", PyStr.repr("it's"));
    }

    @Test
    void brokenTemplatesFailEveryTime() {
        Map<String, Object> doc = Map.of("q", "x");
        // (an unclosed {% if %} block is one thing Jinjava closes silently where Jinja2 fails)
        for (String t : List.of("{{ q ", "{% if q ", "{{ q|nosuchfilter }}", "{{ r }}", "{{ q.nosuchmethod() }}")) {
            for (int i = 0; i < 2; i++) assertThrows(IllegalArgumentException.class, () -> Jinja.get().render(t, doc), t);
        }
        assertEquals("x!", Jinja.get().render("{{ q }}!", doc));
    }

    @Test
    void aFailedRenderDoesNotPoisonTheNext() {
        // a doc without the field fails mid-render; the same template on a good doc must still render
        assertThrows(IllegalArgumentException.class, () -> Jinja.get().render("Question: {{question}}\nAnswer:", Map.of()));
        assertEquals("Question: x\nAnswer:", Jinja.get().render("Question: {{question}}\nAnswer:", Map.of("question", "x")));
    }
}
