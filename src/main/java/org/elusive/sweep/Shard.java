package org.elusive.sweep;

import org.elusive.core.BadInputException;

/**
 * One slice of a sweep for job arrays: shard {@code index} of {@code count} (0-based). Checkpoints are
 * dealt round-robin over the sorted checkpoint list, and all tasks of a checkpoint stay on one shard,
 * so each shard loads each of its models once.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count)
            throw new BadInputException("--shard " + index + "/" + count + ": expected i/N with 0 <= i < N");
    }

    /** Parses {@code i/N}, e.g. {@code 3/8}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new BadInputException("--shard '" + text + "': expected i/N with 0 <= i < N, e.g. 0/4");
    }

    public boolean owns(int checkpointIndex) { return checkpointIndex % count == index; }

    @Override public String toString() { return index + "/" + count; }
}
