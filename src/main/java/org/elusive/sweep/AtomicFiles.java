package org.elusive.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Write-then-rename: readers (and a rerun after kill -9) see either the old file or the complete
 * new one, never a torn one. Temporary names start with {@code .tmp-} and keep the extension, so
 * format detection by extension still works and leftovers are easy to recognise and delete.
 */
public final class AtomicFiles {
    public static final String TMP_PREFIX = ".tmp-";

    private AtomicFiles() {}

    @FunctionalInterface public interface Writer { void write(Path tmp) throws Exception; }

    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve(TMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
        try {
            Files.createDirectories(dir);
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (Exception e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(new IOException("cannot write " + target + ": " + e.getMessage(), e));
        }
    }

    public static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text));
    }

    /**
     * Deletes what killed writers left directly in {@code dir}: {@code .tmp-*} files and scratch
     * directories of this class, and {@code .<name>.<random>.tmp} files of the table writer. The
     * caller must hold the lock that every writer into {@code dir} holds, so none of them is live.
     */
    public static void sweepStale(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(TMP_PREFIX) || n.startsWith(".") && n.endsWith(".tmp")) UnitStore.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean temp files in " + dir, e);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temp file is cleaned by the next run of its unit
        }
    }
}
