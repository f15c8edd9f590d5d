package org.elusive.forecast;

import java.util.List;

/**
 * Which checkpoints are forecast together: a scaling set. Until named scaling sets exist (another
 * branch adds them), a set is a {@code family} of the choices or scores table and {@code --sets} takes
 * family names. Every reader of this package asks here, so that change is made in this one place.
 */
public final class ScalingSets {
    private ScalingSets() {}

    /** The set a row of family {@code family} belongs to. */
    public static String setOf(String family) { return family; }

    /** Whether a row of {@code family} is selected by {@code sets} (empty: every set). */
    public static boolean selected(List<String> sets, String family) {
        return sets.isEmpty() || sets.contains(setOf(family));
    }
}
