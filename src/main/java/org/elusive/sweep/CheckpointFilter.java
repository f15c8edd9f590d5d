package org.elusive.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elusive.BadInputException;
import org.elusive.model.Checkpoint;

/**
 * --sizes / --steps / --every over a family's checkpoints. A size matches a dash-separated part of the
 * model name (70m matches EleutherAI/pythia-70m); a step matches revision {@code step<N>} (also
 * {@code step<N>-tokens…} as OLMo names them) or the revision itself; --every N keeps steps divisible by N.
 */
public final class CheckpointFilter {
    private static final Pattern STEP = Pattern.compile("step(\\d+)(?:[-_].*)?");

    private CheckpointFilter() {}

    public static List<Checkpoint> select(List<Checkpoint> all, List<String> sizes, List<String> steps, Integer every) {
        if (every != null && every < 1) throw new BadInputException("--every " + every + ": expected a positive step interval");
        for (String size : sizes) {
            if (all.stream().noneMatch(c -> sizeMatches(c, size)))
                throw new BadInputException("--sizes: no checkpoint of the family has size '" + size + "'");
        }
        return all.stream()
                .filter(c -> sizes.isEmpty() || sizes.stream().anyMatch(s -> sizeMatches(c, s)))
                .filter(c -> steps.isEmpty() || steps.stream().anyMatch(s -> stepMatches(c, s)))
                .filter(c -> every == null || step(c.revision()).stream().anyMatch(n -> n % every == 0))
                .toList();
    }

    static boolean sizeMatches(Checkpoint c, String size) {
        String name = c.model().substring(c.model().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return Arrays.asList(name.split("[-_]")).contains(size.trim().toLowerCase(Locale.ROOT));
    }

    static boolean stepMatches(Checkpoint c, String step) {
        String s = step.trim();
        if (c.revision().equals(s)) return true;
        OptionalLong n = step(c.revision());
        return n.isPresent() && s.matches("(step)?\\d+") && n.getAsLong() == Long.parseLong(s.replace("step", ""));
    }

    static OptionalLong step(String revision) {
        Matcher m = STEP.matcher(revision);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
