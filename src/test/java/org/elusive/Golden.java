package org.elusive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test helpers for golden fixtures under src/test/resources. */
public final class Golden {
    private Golden() {}

    public static Path resource(String name) {
        try {
            return Path.of(Golden.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /** Relative 1e-9, with an absolute floor of 1e-12 for values near zero; NaN and ±∞ only equal themselves. */
    public static boolean close(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) return Double.compare(actual, expected) == 0;
        double diff = Math.abs(actual - expected);
        return diff <= 1e-12 || diff <= 1e-9 * Math.abs(expected);
    }

    public static void assertClose(double expected, double actual, String what) {
        assertTrue(close(actual, expected), what + ": expected " + expected + " but was " + actual);
    }
}
