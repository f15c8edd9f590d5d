package org.elusive.correlate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.elusive.core.Version;
import org.elusive.store.ScoreGroups;
import org.elusive.transform.Score;

/**
 * The name of one group's correlations in a {@link org.elusive.store.GroupCache}: a SHA-256 over everything
 * the rows depend on — the harness version (the code), the group, the methods and scores asked for, and
 * each checkpoint's compute and the fingerprint of its rows ({@link ScoreGroups#fingerprints}). Two groups with equal digests have equal
 * inputs, so reusing the stored rows gives exactly what recomputing would.
 */
final class GroupDigest {
    private GroupDigest() {}

    /** @param fingerprint the group's {@link ScoreGroups#fingerprints} entry */
    static String of(ScoreGroups.Group g, String fingerprint, List<Method> methods, List<Score> scores) {
        StringBuilder in = new StringBuilder(Version.harness()).append('\n')
                .append(g.family()).append('\n').append(g.task()).append('\n');
        for (Method m : methods) in.append(m.id()).append(',');
        in.append('\n');
        for (Score s : scores) in.append(s.column()).append(',');
        in.append('\n').append(fingerprint);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
