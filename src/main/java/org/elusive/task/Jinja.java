package org.elusive.task;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.FatalTemplateErrorsException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.tree.Node;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Jinjava set up to render lm-eval's Jinja2 templates as Jinja2 does (lm-eval: StrictUndefined,
 * keep_trailing_newline, a {@code regex_replace} filter): unknown variables fail, and Python's str
 * methods ({@code strip}, {@code lstrip}, {@code split}, {@code capitalize}, …) have Python's
 * semantics rather than Java's. A template that is a single {@code {{ expr }}} can be evaluated to
 * an object, which is how a list such as {@code {{[sol1, sol2]}}} becomes a real list.
 */
public final class Jinja {
    private static final Pattern SINGLE_EXPR = Pattern.compile("\\A\\{\\{(.*)}}\\z", Pattern.DOTALL);
    private static final Jinja INSTANCE = new Jinja();
    private final Jinjava jinjava;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final ThreadLocal<JinjavaInterpreter> interpreters = ThreadLocal.withInitial(() ->
            new JinjavaInterpreter(jinjava(), new Context(jinjava().getGlobalContext()), jinjava().getGlobalConfig()));

    private Jinja() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        // Jinja2's behaviour where Jinjava's legacy default differs: lists render as Python reprs,
        // filters bind tighter than arithmetic, whitespace control as Jinja2 parses it.
        LegacyOverrides jinja2 = LegacyOverrides.newBuilder().withUsePyishObjectMapper(true)
                .withUseNaturalOperatorPrecedence(true).withParseWhitespaceControlStrictly(true)
                .withEvaluateMapKeys(true).withKeepNullableLoopValues(true).build();
        jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).withElResolver(resolver)
                .withLegacyOverrides(jinja2).build());
        jinjava.getGlobalContext().registerFilter(new RegexReplace());
    }

    public static Jinja get() { return INSTANCE; }

    private Jinjava jinjava() { return jinjava; }

    /** Renders a template against a doc; IllegalArgumentException carries Jinjava's message. */
    public String render(String template, Map<String, Object> doc) {
        // plain text renders as itself (keep_trailing_newline): MMLU's description, for one
        if (!template.contains("{{") && !template.contains("{%") && !template.contains("{#")) return template;
        JinjavaInterpreter interp = interpreter(doc);
        int before = interp.getErrorsCopy().size();
        JinjavaInterpreter.pushCurrent(interp);
        try {
            Node node = nodes.get(template);
            if (node == null) { // cache only templates that parse cleanly, so a broken one fails every time
                checkClosed(template);
                node = interp.parse(template);
                failOnErrors(interp, before);
                nodes.put(template, node);
            }
            String out = interp.render(node);
            failOnErrors(interp, before);
            return out;
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            // the interpreter is reused, and Jinjava does not report an error it already holds
            for (int i = interp.getErrorsCopy().size(); i > before; i--) interp.removeLastError();
            JinjavaInterpreter.popCurrent();
        }
    }

    /** The value of a single-expression template, or empty when the template is not one. */
    public Optional<Object> evaluate(String template, Map<String, Object> doc) {
        Matcher m = SINGLE_EXPR.matcher(template.strip());
        if (!m.matches() || m.group(1).contains("}}") || m.group(1).contains("{{")) return Optional.empty();
        JinjavaInterpreter interp = interpreter(doc);
        int before = interp.getErrorsCopy().size();
        JinjavaInterpreter.pushCurrent(interp);
        try {
            Object v = interp.resolveELExpression(m.group(1).strip(), 1);
            failOnErrors(interp, before);
            return Optional.ofNullable(v);
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            // the interpreter is reused, and Jinjava does not report an error it already holds
            for (int i = interp.getErrorsCopy().size(); i > before; i--) interp.removeLastError();
            JinjavaInterpreter.popCurrent();
        }
    }

    /**
     * A render that throws leaves Jinjava's render stack holding the expression it was in, and the next
     * render of that expression on this thread would report a false "rendering cycle": drop the
     * interpreter so the next call builds a clean one.
     */
    private IllegalArgumentException failed(RuntimeException e) {
        interpreters.remove();
        if (e instanceof FatalTemplateErrorsException f) return new IllegalArgumentException(describe(f), f);
        if (e instanceof IllegalArgumentException iae) return iae;
        return new IllegalArgumentException(String.valueOf(e.getMessage()), e);
    }

    /** Jinja2 rejects an unclosed {@code {{} or {@code {%}; Jinjava would print it as text. */
    private static void checkClosed(String template) {
        for (String[] pair : new String[][] {{"{{", "}}"}, {"{%", "%}"}, {"{#", "#}"}}) {
            for (int i = template.indexOf(pair[0]); i >= 0; i = template.indexOf(pair[0], i + 2)) {
                int close = template.indexOf(pair[1], i + 2);
                if (close < 0) throw new IllegalArgumentException("unexpected end of template: '" + pair[0] + "' at offset " + i + " is never closed");
                i = close;
            }
        }
    }

    /** This thread's interpreter with the doc as its variables (building one costs more than a render). */
    private JinjavaInterpreter interpreter(Map<String, Object> doc) {
        JinjavaInterpreter interp = interpreters.get();
        interp.getContext().getScope().clear();
        interp.getContext().getScope().putAll(doc);
        return interp;
    }

    private static void failOnErrors(JinjavaInterpreter interp, int before) {
        List<TemplateError> errors = interp.getErrorsCopy();
        if (errors.size() == before) return;
        // Jinjava reports an unknown filter or a failed call as a warning and renders on; Jinja2 raises.
        throw new IllegalArgumentException(errors.subList(before, errors.size()).stream()
                .map(TemplateError::getMessage).collect(java.util.stream.Collectors.joining("; ")));
    }

    private static String describe(FatalTemplateErrorsException e) {
        StringBuilder b = new StringBuilder();
        for (TemplateError err : e.getErrors()) {
            if (b.length() > 0) b.append("; ");
            b.append(err.getMessage());
        }
        return b.length() > 0 ? b.toString() : String.valueOf(e.getMessage());
    }

    /** Python str methods on Java strings, tried before Jinjava's bean resolver. */
    private static final class PythonMethods extends ELResolver {
        @Override
        public Object invoke(ELContext ctx, Object base, Object method, Class<?>[] types, Object[] params) {
            if (!(base instanceof String s) || !(method instanceof String name)) return null;
            Object[] p = params == null ? new Object[0] : params;
            Object out = switch (name) {
                case "strip" -> p.length == 0 || p[0] == null ? PyStr.strip(s) : PyStr.strip(s, str(p[0]));
                case "lstrip" -> p.length == 0 || p[0] == null ? PyStr.lstrip(s) : PyStr.lstrip(s, str(p[0]));
                case "rstrip" -> p.length == 0 || p[0] == null ? PyStr.rstrip(s) : PyStr.rstrip(s, str(p[0]));
                case "split" -> p.length == 0 || p[0] == null ? PyStr.split(s) : PyStr.split(s, str(p[0]));
                case "capitalize" -> PyStr.capitalize(s);
                case "upper" -> s.toUpperCase(java.util.Locale.ROOT);
                case "lower" -> s.toLowerCase(java.util.Locale.ROOT);
                case "replace" -> p.length == 2 ? s.replace(str(p[0]), str(p[1])) : null;
                case "startswith" -> p.length == 1 ? (Object) s.startsWith(str(p[0])) : null;
                case "endswith" -> p.length == 1 ? (Object) s.endsWith(str(p[0])) : null;
                case "isdigit" -> PyStr.isDigit(s);
                case "index" -> p.length == 1 ? (Object) pyIndex(s, str(p[0])) : null;
                default -> null;
            };
            if (out != null) ctx.setPropertyResolved(true);
            return out;
        }

        private static int pyIndex(String s, String sub) {
            int k = s.indexOf(sub);
            if (k < 0) throw new IllegalArgumentException("substring not found: " + sub);
            return s.codePointCount(0, k);
        }

        private static String str(Object o) { return String.valueOf(o); }

        @Override public Object getValue(ELContext c, Object b, Object p) { return null; }
        @Override public Class<?> getType(ELContext c, Object b, Object p) { return null; }
        @Override public void setValue(ELContext c, Object b, Object p, Object v) { }
        @Override public boolean isReadOnly(ELContext c, Object b, Object p) { return true; }
        @Override public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext c, Object b) { return null; }
        @Override public Class<?> getCommonPropertyType(ELContext c, Object b) { return null; }
    }

    /** lm-eval's custom filter: {@code re.sub(pattern, repl, string, count)}. */
    private static final class RegexReplace implements Filter {
        @Override public String getName() { return "regex_replace"; }

        @Override
        public Object filter(Object var, JinjavaInterpreter interp, String... args) {
            if (args.length < 2) throw new IllegalArgumentException("regex_replace needs a pattern and a replacement");
            Matcher m = Pattern.compile(args[0], Pattern.UNIX_LINES).matcher(String.valueOf(var));
            int count = args.length > 2 ? Integer.parseInt(args[2].strip()) : 0;
            String repl = args[1].replaceAll("\\\\(\\d)", "\\$$1");
            StringBuilder b = new StringBuilder();
            int done = 0;
            while (m.find() && (count == 0 || done < count)) { m.appendReplacement(b, repl); done++; }
            m.appendTail(b);
            return b.toString();
        }
    }

    static List<String> toStrings(Object v) {
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        if (v != null && v.getClass().isArray() && v instanceof Object[] a) return java.util.Arrays.stream(a).map(String::valueOf).toList();
        throw new IllegalArgumentException("expected a list, got " + (v == null ? "None" : v.getClass().getSimpleName() + " " + v));
    }
}
