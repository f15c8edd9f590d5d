package org.elusive.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The harness version, filled in from the pom by Maven resource filtering: the CLI's {@code --version},
 * the results files and the sweep fingerprint (results of another version are redone) all read it here.
 */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    /** "0.1.0". */
    public static String number() { return VERSION; }

    /** "elusive 0.1.0": what results files record as the harness. */
    public static String harness() { return "elusive " + VERSION; }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) throw new IllegalStateException("version.properties is missing from the jar");
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.contains("${")) throw new IllegalStateException("version.properties was not filtered: " + v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
