package org.elusive.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.elusive.core.BadInputException;

/**
 * Which checkpoints of a family to take: all of them, a list of steps and/or revision names
 * ({@code 0,1,512,143000} or {@code step1000,240b_tokens}), or every N-th step
 * (the checkpoints whose step is a multiple of N, plus each model's final checkpoint).
 */
public record Steps(List<String> requested, long every) {

    public static final Steps ALL = new Steps(List.of(), 0);

    public Steps {
        requested = List.copyOf(requested);
    }

    /** Parses a comma-separated list: integers are training steps, anything else a revision name. */
    public static Steps parse(String csv) {
        Set<String> items = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) items.add(s.trim());
        }
        if (items.isEmpty()) throw new BadInputException("--steps '" + csv + "': expected a comma-separated list of steps or revisions");
        return new Steps(List.copyOf(items), 0);
    }

    /** Steps that are multiples of {@code n}, and the last checkpoint of each model. */
    public static Steps every(long n) {
        if (n <= 0) throw new BadInputException("--every " + n + ": expected a positive number of steps");
        return new Steps(List.of(), n);
    }

    /** The requested item this revision satisfies, "" when kept without one being asked for, null when dropped. */
    String match(Family.Revision r, boolean last) {
        if (every > 0) return (r.step() >= 0 && r.step() % every == 0) || last ? "" : null;
        if (requested.isEmpty()) return "";
        for (String s : requested) {
            if (s.equals(r.name()) || (r.step() >= 0 && s.matches("\\d+") && Long.parseLong(s) == r.step())) return s;
        }
        return null;
    }
}
