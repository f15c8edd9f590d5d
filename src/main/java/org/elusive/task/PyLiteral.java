package org.elusive.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for Python literals, as {@code ast.literal_eval} reads them: str, int, float, True/False/None,
 * lists, tuples (as lists) and dicts. lm-eval feeds rendered templates through {@code literal_eval}
 * (doc_to_choice) and RACE stores its problems as a repr'd list of dicts.
 */
public final class PyLiteral {
    private final String s;
    private int i;

    private PyLiteral(String s) { this.s = s; }

    /** Parses the whole string; IllegalArgumentException with the offset on anything else. */
    public static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) throw p.error("unexpected trailing text");
        return v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a Python literal (" + what + " at offset " + i + "): "
                + (s.length() > 80 ? s.substring(0, 80) + "…" : s));
    }

    private void ws() { while (i < s.length() && PyStr.isSpace(s.charAt(i))) i++; }

    private Object value() {
        ws();
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        if (c == '[') return sequence(']');
        if (c == '(') return sequence(')');
        if (c == '{') return dict();
        if (c == '\'' || c == '"') {
            StringBuilder b = new StringBuilder(string());
            for (int save = i; ; save = i) { // implicit concatenation: 'a' 'b'
                ws();
                if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"')) b.append(string());
                else { i = save; break; }
            }
            return b.toString();
        }
        for (String kw : new String[] {"True", "False", "None"}) {
            if (s.startsWith(kw, i)) { i += kw.length(); return kw.equals("None") ? null : Boolean.valueOf(kw.equals("True")); }
        }
        return number();
    }

    private List<Object> sequence(char close) {
        i++;
        List<Object> out = new ArrayList<>();
        while (true) {
            ws();
            if (i < s.length() && s.charAt(i) == close) { i++; return out; }
            out.add(value());
            ws();
            if (i < s.length() && s.charAt(i) == ',') i++;
            else if (i < s.length() && s.charAt(i) == close) { i++; return out; }
            else throw error("expected ',' or '" + close + "'");
        }
    }

    private Map<Object, Object> dict() {
        i++;
        Map<Object, Object> out = new LinkedHashMap<>();
        while (true) {
            ws();
            if (i < s.length() && s.charAt(i) == '}') { i++; return out; }
            Object k = value();
            ws();
            if (i >= s.length() || s.charAt(i) != ':') throw error("expected ':'");
            i++;
            out.put(k, value());
            ws();
            if (i < s.length() && s.charAt(i) == ',') i++;
            else if (i < s.length() && s.charAt(i) == '}') { i++; return out; }
            else throw error("expected ',' or '}'");
        }
    }

    private Object number() {
        int start = i;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
        while (i < s.length() && "0123456789.eE_+-xXabcdefABCDEF".indexOf(s.charAt(i)) >= 0) {
            if ((s.charAt(i) == '+' || s.charAt(i) == '-') && !(s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')) break;
            i++;
        }
        String t = s.substring(start, i).replace("_", "");
        if (t.isEmpty() || t.equals("-") || t.equals("+")) throw error("expected a value");
        try {
            if (t.matches("[+-]?\\d+")) {
                java.math.BigInteger v = new java.math.BigInteger(t);
                return v.bitLength() < 32 ? (Object) v.intValue() : v.bitLength() < 64 ? (Object) v.longValue() : v;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            i = start;
            throw error("expected a value");
        }
    }

    private String string() {
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        i += triple ? 3 : 1;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i);
            if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), i))) { i += triple ? 3 : 1; return b.toString(); }
            if (c != '\\') { b.append(c); i++; continue; }
            if (++i >= s.length()) throw error("unterminated string");
            char e = s.charAt(i++);
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000b');
                case 'x' -> b.appendCodePoint(hex(2));
                case 'u' -> b.appendCodePoint(hex(4));
                case 'U' -> b.appendCodePoint(hex(8));
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) v = v * 8 + (s.charAt(i++) - '0');
                        b.append((char) v);
                    } else b.append('\\').append(e);
                }
            }
        }
    }

    private int hex(int n) {
        if (i + n > s.length()) throw error("truncated escape");
        int v = Integer.parseInt(s.substring(i, i + n), 16);
        i += n;
        return v;
    }
}
