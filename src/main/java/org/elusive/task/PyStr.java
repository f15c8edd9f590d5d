package org.elusive.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python {@code str} methods with Python's semantics, for templates and preprocessors written against
 * lm-eval's Python code. Java's own {@code strip()} and {@code split()} differ (Java's whitespace set
 * omits U+00A0, U+2007, U+202F; Java's split takes a regex and drops trailing empty strings).
 */
public final class PyStr {
    private PyStr() {}

    /** Python's {@code str.isspace} for one code point. */
    public static boolean isSpace(int cp) {
        return switch (cp) {
            case 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
                 0x2028, 0x2029, 0x202f, 0x205f, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200a;
        };
    }

    public static String strip(String s) { return rstrip(lstrip(s)); }

    public static String lstrip(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
        return s.substring(i);
    }

    public static String rstrip(String s) {
        int j = s.length();
        while (j > 0 && isSpace(s.codePointBefore(j))) j -= Character.charCount(s.codePointBefore(j));
        return s.substring(0, j);
    }

    public static String strip(String s, String chars) { return rstrip(lstrip(s, chars), chars); }

    public static String lstrip(String s, String chars) {
        if (chars == null) return lstrip(s);
        int i = 0;
        while (i < s.length() && chars.indexOf(s.codePointAt(i)) >= 0) i += Character.charCount(s.codePointAt(i));
        return s.substring(i);
    }

    public static String rstrip(String s, String chars) {
        if (chars == null) return rstrip(s);
        int j = s.length();
        while (j > 0 && chars.indexOf(s.codePointBefore(j)) >= 0) j -= Character.charCount(s.codePointBefore(j));
        return s.substring(0, j);
    }

    /** {@code str.split(sep)}: literal separator, empty strings kept. */
    public static List<String> split(String s, String sep) {
        if (sep == null) return split(s);
        if (sep.isEmpty()) throw new IllegalArgumentException("empty separator");
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i; (i = s.indexOf(sep, start)) >= 0; start = i + sep.length()) out.add(s.substring(start, i));
        out.add(s.substring(start));
        return out;
    }

    /** {@code str.split()}: runs of whitespace, no empty strings. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
            int start = i;
            while (i < n && !isSpace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
            if (i > start) out.add(s.substring(start, i));
        }
        return out;
    }

    /** {@code str.capitalize()} (Python ≥ 3.8): first character title-cased, the rest lower-cased. */
    public static String capitalize(String s) {
        if (s.isEmpty()) return s;
        int first = s.codePointAt(0);
        String head = first == 0xdf ? "Ss" : new String(Character.toChars(Character.toTitleCase(first)));
        return head + s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
    }

    /** {@code str.isdigit()}: non-empty and every code point a decimal digit. */
    public static boolean isDigit(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
    }

    /** Python's {@code repr} of a str, as a Jinja2 render of a list shows its elements. */
    public static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') b.append('\\').appendCodePoint(cp);
            else if (cp == '\n') b.append("\\n");
            else if (cp == '\r') b.append("\\r");
            else if (cp == '\t') b.append("\\t");
            else if (cp < 0x20 || cp == 0x7f) b.append(String.format("\\x%02x", cp));
            else b.appendCodePoint(cp);
        });
        return b.append(quote).toString();
    }
}
