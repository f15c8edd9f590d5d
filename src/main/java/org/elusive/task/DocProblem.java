package org.elusive.task;

/**
 * A document that could not be turned into a request (a template or preprocessor failing on it, a
 * target out of the range of its choices). {@link #message()} names the task file, the key and the doc.
 */
public record DocProblem(String task, long docId, String key, String message) {
    @Override public String toString() { return message; }
}
