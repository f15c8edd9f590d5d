package org.elusive.correlate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.elusive.core.Version;
import org.elusive.store.ScoreGroups;
import org.elusive.transform.Score;

/**
 * The name of one slice's correlations in a {@link org.elusive.store.GroupCache}: a SHA-256 over everything
 * the rows depend on — the harness version (the code), the slice (name, task, family or members), the
 * methods and scores asked for, the missing-doc rule, and for each checkpoint whose rows enter it, its
 * compute and the fingerprint of its rows ({@link ScoreGroups#fingerprints}). Two slices with equal
 * digests have equal inputs, so reusing the stored rows gives exactly what recomputing would.
 */
final class GroupDigest {
    private GroupDigest() {}

    static String of(Slice slice, Map<ScoreGroups.Group, SortedMap<String, String>> fingerprints, List<Method> methods,
            List<Score> scores, boolean dropMissing) {
        StringBuilder in = new StringBuilder(Version.harness()).append('\n').append(slice.name()).append('\n')
                .append(slice.task()).append('\n').append(slice.family()).append('\n').append(dropMissing).append('\n');
        for (ScoreGroups.Checkpoint c : slice.members()) in.append(c.label()).append(' ').append(c.compute()).append(',');
        in.append('\n');
        for (Method m : methods) in.append(m.id()).append(',');
        in.append('\n');
        for (Score s : scores) in.append(s.column()).append(',');
        in.append('\n');
        java.util.Set<String> members = new java.util.HashSet<>();
        for (ScoreGroups.Checkpoint c : slice.members()) members.add(c.label());
        fingerprints.forEach((g, byLabel) -> {
            if (!g.task().equals(slice.task()) || slice.family() != null && !slice.family().equals(g.family())) return;
            byLabel.forEach((label, fp) -> {
                if (slice.family() != null || members.contains(label)) {
                    in.append(g.family()).append(' ').append(label).append(' ').append(fp).append('\n');
                }
            });
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
