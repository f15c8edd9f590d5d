package org.elusive.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.elusive.rows.CorrelationRow;

/**
 * The correlation rows of groups already computed, stored under the digest of exactly what they were
 * computed from ({@code <dir>/<digest>.parquet}). Content-addressed, so there is nothing to invalidate:
 * a group whose inputs changed has another digest, and an entry is either what its name says or
 * absent (files are written to a temp name and renamed). This is what makes a sweep's table update
 * cost follow the groups its new units touched, not the whole table (issue 19).
 */
public final class GroupCache {
    /** A cache that holds nothing: every group is computed. */
    public static final GroupCache NONE = new GroupCache(null);

    private final Path dir;
    private final Set<String> used = new HashSet<>();

    private GroupCache(Path dir) { this.dir = dir; }

    public static GroupCache in(Path dir) { return new GroupCache(dir); }

    public Optional<List<CorrelationRow>> get(String digest) {
        if (dir == null) return Optional.empty();
        used.add(digest);
        Path f = file(digest);
        if (!Files.exists(f)) return Optional.empty();
        try {
            return Optional.of(Tables.readCorrelations(f));
        } catch (RuntimeException e) {
            return Optional.empty();   // unreadable (a foreign or damaged file): recompute and overwrite it
        }
    }

    public void put(String digest, List<CorrelationRow> rows) {
        if (dir == null) return;
        used.add(digest);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Tables.writeCorrelations(file(digest), rows, TableFormat.PARQUET);
    }

    /** Deletes the entries that no lookup since this cache was opened asked for: groups that no longer exist as they were. */
    public void retainUsed() {
        if (dir == null || !Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".parquet") && !used.contains(n.substring(0, n.length() - ".parquet".length()))) Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    private Path file(String digest) {
        if (!digest.matches("[0-9a-f]{16,128}")) throw new IllegalArgumentException("not a digest: " + digest);
        return dir.resolve(digest + ".parquet");
    }
}
