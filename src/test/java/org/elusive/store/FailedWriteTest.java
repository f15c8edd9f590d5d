package org.elusive.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table write that fails half-way (here: a row whose value cannot be produced, as a full disk fails
 * a write half-way) leaves neither the target nor its {@code .<name>.<random>.tmp} file behind, and
 * an existing target untouched.
 */
class FailedWriteTest {
    @TempDir Path tmp;

    private static final List<Column<Integer>> COLUMNS = List.of(
            Column.of("i", Column.Type.BIGINT, i -> (long) i),
            Column.of("x", Column.Type.DOUBLE, i -> {
                if (i == 3) throw new IllegalStateException("row 3 cannot be written");
                return i * 0.5;
            }));

    @ParameterizedTest @EnumSource(TableFormat.class)
    void aFailedWriteLeavesNoTempFileAndKeepsTheOldTable(TableFormat format) throws IOException {
        Path target = tmp.resolve("t." + format.name().toLowerCase());
        TableWriter.write(target, format, COLUMNS, List.of(0, 1, 2));
        byte[] before = Files.readAllBytes(target);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TableWriter.write(target, format, COLUMNS, List.of(0, 1, 2, 3, 4)));
        assertEquals("row 3 cannot be written", e.getMessage());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(target.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(new String(before), new String(Files.readAllBytes(target)));
        Path fresh = tmp.resolve("fresh." + format.name().toLowerCase());
        assertThrows(IllegalStateException.class, () -> TableWriter.write(fresh, format, COLUMNS, List.of(3)));
        assertFalse(Files.exists(fresh));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
    }
}
