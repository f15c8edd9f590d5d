package org.elusive.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

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

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temp file is cleaned by the next run of its unit
        }
    }
}
