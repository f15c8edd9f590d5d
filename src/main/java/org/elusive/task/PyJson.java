package org.elusive.task;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(v, ensure_ascii=False)} and {@code json.dumps(v, indent=n, ensure_ascii=False)}
 * of a tree of maps, lists, strings, numbers, booleans and nulls, byte for byte. lm-eval hashes a doc
 * as {@code sha256(json.dumps(doc, indent=2, ensure_ascii=False))} and writes its samples and results
 * with these calls, so equal text here means equal hashes and files a reader cannot tell apart.
 * Floats are Python's {@code repr} ({@link #pyFloat}); anything else is written as its string, as
 * lm-eval's {@code default=handle_non_serializable} does.
 */
public final class PyJson {
    private PyJson() {}

    /** {@code json.dumps(v, ensure_ascii=False)}: one line, {@code ", "} and {@code ": "} separators. */
    public static String dumps(Object v) {
        StringBuilder out = new StringBuilder();
        write(out, v, -1, 0);
        return out.toString();
    }

    /** {@code json.dumps(v, indent=indent, ensure_ascii=False)}. */
    public static String dumps(Object v, int indent) {
        StringBuilder out = new StringBuilder();
        write(out, v, indent, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object v, int indent, int depth) {
        if (v == null) out.append("null");
        else if (v instanceof String s) string(out, s);
        else if (v instanceof Boolean b) out.append(b ? "true" : "false");
        else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) out.append(v);
        else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) out.append(jsonFloat(((Number) v).doubleValue()));
        else if (v instanceof Map<?, ?> m) container(out, m.entrySet(), '{', '}', indent, depth);
        else if (v instanceof List<?> l) container(out, l, '[', ']', indent, depth);
        else if (v instanceof Object[] a) container(out, List.of(a), '[', ']', indent, depth);
        else string(out, String.valueOf(v));
    }

    private static void container(StringBuilder out, Iterable<?> items, char open, char close, int indent, int depth) {
        out.append(open);
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "" : indent < 0 ? ", " : ",");
            first = false;
            if (indent >= 0) out.append('\n').append(" ".repeat(indent * (depth + 1)));
            if (item instanceof Map.Entry<?, ?> e) {
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), indent, depth + 1);
            } else {
                write(out, item, indent, depth + 1);
            }
        }
        if (!first && indent >= 0) out.append('\n').append(" ".repeat(indent * depth));
        out.append(close);
    }

    /** A string with json's escapes for ensure_ascii=False: quote, backslash and control characters only. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** json's float: {@code NaN}, {@code Infinity}, {@code -Infinity}, else Python's repr. */
    private static String jsonFloat(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        return pyFloat(v);
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent only outside [1e-4, 1e16). */
    public static String pyFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        String s = Double.toString(v);
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) {
            if (s.contains("E")) s = new BigDecimal(s).toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        BigDecimal bd = new BigDecimal(s);
        String digits = bd.unscaledValue().abs().toString().replaceAll("0+$", "");
        int exp = bd.precision() - bd.scale() - 1;
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
