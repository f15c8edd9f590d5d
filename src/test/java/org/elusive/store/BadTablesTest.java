package org.elusive.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.CliRun;
import org.elusive.Golden;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed tables given to the CLI (issue 13): each fails with exit 2 and one line naming the file,
 * the line and what is wrong there, instead of a misleading "missing column" or a silent wrong score.
 * The inputs are the committed engine choices table with one line broken.
 */
class BadTablesTest {
    @TempDir Path dir;

    /** The golden choices table with its (1-based) line {@code lineNo} replaced. */
    private Path choicesWithLine(String name, int lineNo, java.util.function.UnaryOperator<String> edit) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Golden.resource("engine/choices.csv")));
        lines.set(lineNo - 1, edit.apply(lines.get(lineNo - 1)));
        Path f = dir.resolve(name);
        Files.write(f, lines);
        return f;
    }

    private static void assertError(Path input, String message) {
        CliRun r = CliRun.run("scores", "--input", input.toString(), "--out", input.resolveSibling("out.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + input + message + System.lineSeparator(), r.err());
    }

    /** logprob is column 11: a positive or +inf value is not a log-probability (p_vocab_choices would be 148). */
    @ParameterizedTest
    @ValueSource(strings = {"inf", "+inf", "5.0", "nan"})
    void aLogprobAboveZeroIsRejected(String value) throws IOException {
        Path f = choicesWithLine("logprob.csv", 5, line -> {
            String[] cells = line.split(",", -1);
            cells[10] = value;
            return String.join(",", cells);
        });
        assertError(f, " line 5 column 'logprob': " + value + " is not a log-probability (expected a number <= 0)");
    }

    @ParameterizedTest
    @CsvSource({"drop, 14", "add, 16"})
    void aRaggedRowIsNamedByItsLine(String how, int fields) throws IOException {
        Path f = choicesWithLine("ragged.csv", 7, line -> how.equals("drop") ? line.substring(0, line.lastIndexOf(',')) : line + ",x");
        assertError(f, " line 7: " + fields + " fields where the header has 15 (a ragged row)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[1, 2]|an array", "42|a number", "\"x\"|a string", "true|a boolean"})
    void aJsonLineThatIsNotAnObjectIsNamedByItsLine(String line, String kind) throws IOException {
        Path jsonl = dir.resolve("choices.jsonl");
        Tables.writeChoices(jsonl, Tables.readChoices(Golden.resource("engine/choices.csv")), TableFormat.JSONL);
        List<String> lines = new ArrayList<>(Files.readAllLines(jsonl));
        lines.set(3, line);
        Files.write(jsonl, lines);
        assertError(jsonl, " line 4: expected one JSON object per line, got " + kind);
    }
}
