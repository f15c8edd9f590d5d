package org.elusive.emergence;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/** Paths of the committed fixtures and of ../shared (tests using it skip when it is absent). */
final class Fixtures {
    private Fixtures() {}

    static Path resource(String name) {
        try {
            return Paths.get(Fixtures.class.getResource("/emergence/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource emergence/" + name, e);
        }
    }

    static Path shared(String relative) {
        String root = System.getProperty("elusive.shared", "../shared");
        Path p = Paths.get(root).resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "../shared not present: " + p);
        return p;
    }

    /** |a - b| within tol, relative for large values; NaN equals NaN. */
    static boolean close(double a, double b, double tol) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b);
        return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
    }
}
