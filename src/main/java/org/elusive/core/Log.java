package org.elusive.core;

/**
 * Process-wide verbosity, set once by the command line ({@code --verbose}) before any work starts and
 * read by the library where it decides whether a caught failure's stack trace is worth printing.
 */
public final class Log {
    private static volatile boolean verbose;

    private Log() {}

    public static boolean verbose() { return verbose; }

    public static void setVerbose(boolean on) { verbose = on; }
}
