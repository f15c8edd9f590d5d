package org.elusive.task;

import org.elusive.core.BadInputException;

/**
 * lm-eval's {@code --limit}: a value below 1 is a fraction of each task's eval docs (after
 * {@code process_docs}), rounded up; 1 or more is a count, its fraction dropped ({@code int(limit)},
 * so 2.5 scores 2 docs), as {@code lm_eval.evaluator_utils.get_sample_size}. {@link #NONE}: every doc.
 */
public record Limit(double value) {
    public static final Limit NONE = new Limit(Double.POSITIVE_INFINITY);

    public Limit {
        // lm-eval reads 0 as "no limit" (a falsy int), which would turn a typo into a full run: refused
        if (!(value > 0)) throw new BadInputException("--limit " + value + ": expected a count >= 1 or a fraction in (0, 1)");
    }

    /** A whole count (elusive's own --limit N). */
    public static Limit count(int n) { return new Limit(n); }

    /** Parses "10", "0.05" or "2.5"; BadInputException naming the value otherwise. */
    public static Limit parse(String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("'" + text + "': expected a count >= 1 or a fraction in (0, 1)");
        }
        if (Double.isNaN(v) || Double.isInfinite(v) || v <= 0) {
            throw new BadInputException("'" + text + "': expected a count >= 1 or a fraction in (0, 1)");
        }
        return new Limit(v);
    }

    public boolean isNone() { return this.equals(NONE); }

    /** How many of a task's {@code n} eval docs are scored: the first that many. */
    public int of(int n) {
        if (value < 1.0) return (int) Math.min(n, Math.ceil(n * value));
        return (int) Math.min(n, Math.floor(Math.min(value, Integer.MAX_VALUE)));
    }

    /** As lm-eval prints it in its results' {@code config.limit}: null for none, else the number given. */
    @Override public String toString() {
        if (isNone()) return "all";
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
