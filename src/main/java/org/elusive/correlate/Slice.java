package org.elusive.correlate;

import java.util.List;
import org.elusive.store.ScoreGroups;

/**
 * One correlation unit: a task's rows across a list of checkpoints, named for the {@code family} column of
 * the correlations table. {@code family} set: every checkpoint of that family in the table (no scaling
 * sets); null: exactly {@code members}, the checkpoints of a scaling set, whatever their family.
 */
public record Slice(String name, String task, String family, List<ScoreGroups.Checkpoint> members) {
    public Slice {
        members = List.copyOf(members);
    }

    ScoreGroups.Group group() { return new ScoreGroups.Group(family, task); }
}
