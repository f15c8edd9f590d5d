package org.elusive.scoring;

import java.util.List;
import org.elusive.rows.Accuracy;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.Request;

/** All choices of one request, scored: one {@link ChoiceRow} per choice, in choice order. */
public record ScoredDoc(Request request, List<ChoiceRow> choices) {

    /** lm-eval's acc and acc_norm of this doc. */
    public Accuracy accuracy() { return Accuracy.of(choices, request.gold()); }
}
