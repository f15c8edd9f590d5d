package org.elusive.cli;

import org.elusive.core.BadInputException;
import org.elusive.core.Log;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Exit codes of docs/design.md §4: 0 ok, 1 runtime failure, 2 bad input or usage. */
public final class ExitCodes {
    public static final int OK = 0, FAILURE = 1, USAGE = 2;

    private ExitCodes() {}

    public static int handle(Exception e, CommandLine cmd, ParseResult parsed) {
        if (Log.verbose()) e.printStackTrace(System.err);
        if (e instanceof BadInputException) {
            System.err.println("error: " + e.getMessage());
            return USAGE;
        }
        System.err.println("error: " + e + (Log.verbose() ? "" : " (run with --verbose for the stack trace)"));
        return FAILURE;
    }

    /** A command line picocli cannot parse (unknown option, bad value): one line, then where help is. */
    public static int handleUsage(CommandLine.ParameterException e, String[] args) {
        System.err.println("error: " + e.getMessage() + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
        return USAGE;
    }
}
