package org.elusive.task;

import java.util.List;

/**
 * The requests of one task, and the docs that were skipped with the reason for each. A caller scores
 * the requests, reports the problems as warnings, and may exit 2 at the end when there were any, so
 * that one bad doc does not lose a run.
 */
public record TaskRequests(String task, List<Request> requests, List<DocProblem> problems) {
    public TaskRequests {
        requests = List.copyOf(requests);
        problems = List.copyOf(problems);
    }
}
