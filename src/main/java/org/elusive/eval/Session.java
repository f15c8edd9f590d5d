package org.elusive.eval;

import java.util.List;
import java.util.function.Consumer;
import org.elusive.catalog.Checkpoint;
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
        return scorer.score(requests, checkpoint);
    }

    /** Each request's scored choices as soon as they are complete (in no fixed order). */
    public void score(List<Request> requests, Checkpoint checkpoint, Consumer<ScoredDoc> sink) {
        scorer.score(requests, checkpoint, sink);
    }

    public Scorer.Stats stats() { return scorer.stats(); }

    /** How many times a batch ran out of memory and was halved. */
    public int backoffs() { return scorer.backoffs(); }

    @Override public void close() { model.close(); }
}
