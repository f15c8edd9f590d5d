package org.elusive.eval;

import java.util.List;
import java.util.function.Consumer;
import org.elusive.catalog.Checkpoint;
import org.elusive.core.BadInputException;
import org.elusive.rows.ChoiceRow;
import org.elusive.scoring.ScoredDoc;
import org.elusive.scoring.Scorer;
import org.elusive.scoring.ScoringOptions;
import org.elusive.task.Request;

/**
 * One loaded checkpoint and its scorer. A sweep keeps one open across the tasks of a checkpoint, so
 * the weights load once per checkpoint, not once per unit; closing it frees the model.
 */
public final class Session implements AutoCloseable {
    private final LoadedModel model;
    private final Scorer scorer;

    Session(LoadedModel model, ScoringOptions options) {
        this.model = model;
        this.scorer = new Scorer(model.lm(), model.tokenizer(), options);
    }

    public LoadedModel model() { return model; }

    /** Rows of the requests, in request order then choice order. */
    public List<ChoiceRow> score(List<Request> requests, Checkpoint checkpoint) {
        List<ChoiceRow> rows = scorer.score(requests, checkpoint);
        requireFinite(rows, checkpoint);
        return rows;
    }

    /** Each request's scored choices as soon as they are complete (in no fixed order). */
    public void score(List<Request> requests, Checkpoint checkpoint, Consumer<ScoredDoc> sink) {
        scorer.score(requests, checkpoint, d -> {
            requireFinite(d.choices(), checkpoint);
            sink.accept(d);
        });
    }

    /**
     * A log-likelihood that is not a number (NaN or infinite weights, an fp16 overflow) would still
     * compare as "not the largest" and be averaged into an accuracy that looks real: refused, naming
     * the checkpoint and the doc, before any row of it is kept.
     */
    private static void requireFinite(List<ChoiceRow> rows, Checkpoint c) {
        for (ChoiceRow r : rows) {
            if (!Double.isFinite(r.logprob())) {
                throw new BadInputException(c.spec() + ": task " + r.task() + " doc " + r.docId() + " choice " + r.choice()
                        + ": log-likelihood " + r.logprob() + " (NaN or infinite weights? in fp16, try --dtype fp32)");
            }
        }
    }

    public Scorer.Stats stats() { return scorer.stats(); }

    /** How many times a batch ran out of memory and was halved. */
    public int backoffs() { return scorer.backoffs(); }

    @Override public void close() { model.close(); }
}
