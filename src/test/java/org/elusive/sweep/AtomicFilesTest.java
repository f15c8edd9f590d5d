package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write-then-rename whose writer fails after writing part of the temp file (as on a full disk)
 * deletes the {@code .tmp-*} file and leaves the old target as it was; the error names the target.
 */
class AtomicFilesTest {
    @TempDir Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test void aWriterThatFailsLeavesNoTempFileAndTheOldTarget() throws IOException {
        Path target = tmp.resolve("done.json");
        AtomicFiles.writeString(target, "{\"old\": true}");
        UncheckedIOException io = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, t -> {
            Files.writeString(t, "{\"half");
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target + ": No space left on device", io.getCause().getMessage());
        assertEquals(List.of("done.json"), names());
        assertEquals("{\"old\": true}", Files.readString(target));

        Path fresh = tmp.resolve("scores.parquet");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(fresh, t -> {
            Files.writeString(t, "PAR1");
            throw new IllegalStateException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of("done.json"), names());
    }

    @Test void staleTempFilesOfKilledWritersAreSwept() throws IOException {
        Files.writeString(tmp.resolve(AtomicFiles.TMP_PREFIX + "1234-done.json"), "{");
        Files.writeString(tmp.resolve(".scores.parquet.987.tmp"), "PAR");
        Files.createDirectories(tmp.resolve(AtomicFiles.TMP_PREFIX + "duckdb").resolve("spill"));
        Files.writeString(tmp.resolve(AtomicFiles.TMP_PREFIX + "duckdb").resolve("spill").resolve("block"), "x");
        Files.writeString(tmp.resolve("keep.tmp"), "not ours: no leading dot");
        AtomicFiles.sweepStale(tmp);
        assertEquals(List.of("keep.tmp"), names());
    }
}
