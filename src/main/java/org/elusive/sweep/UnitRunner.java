package org.elusive.sweep;

import java.util.List;
import org.elusive.rows.ChoiceRow;

/**
 * Scores units for a sweep. The sweep asks for rows in chunks of requests so that it can save each
 * chunk as a part file; a runner may keep the last model loaded, since units of one checkpoint come
 * one after another.
 */
public interface UnitRunner extends AutoCloseable {

    /**
     * What the unit's rows depend on besides the harness version. Throws MissingCheckpointException
     * (with the download command) when the checkpoint is not on disk, BadInputException when the
     * task's config or data cannot be read.
     */
    Fingerprint fingerprint(Unit unit) throws Exception;

    /**
     * The units this process is about to run, in order, those already done left out; called once
     * before the first unit. A runner may load ahead with it (the next checkpoint while the current
     * one scores); it is a hint: units may still be skipped (busy elsewhere, failed fingerprint).
     */
    default void upcoming(List<Unit> units) {}

    /** Loads what the unit needs (model, tokenizer, requests). */
    Prepared prepare(Unit unit) throws Exception;

    /** A unit ready to score: its requests are numbered 0 … size()-1 in a fixed order. */
    interface Prepared {
        int size();

        /** Rows of requests [from, to), in request order then choice order. */
        List<ChoiceRow> score(int from, int to) throws Exception;
    }

    @Override default void close() throws Exception {}
}
