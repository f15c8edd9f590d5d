package org.elusive.core;

/**
 * Bad input or usage: the CLI maps it to exit code 2 and prints only its message, which must name
 * the file (and line or key) and say what was expected.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) { super(message); }
    public BadInputException(String message, Throwable cause) { super(message, cause); }
}
