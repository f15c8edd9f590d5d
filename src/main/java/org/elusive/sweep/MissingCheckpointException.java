package org.elusive.sweep;

import org.elusive.core.BadInputException;

/** A checkpoint that is not on disk; the message carries the command that fetches it. */
public class MissingCheckpointException extends BadInputException {
    public MissingCheckpointException(String message, Throwable cause) { super(message, cause); }
}
