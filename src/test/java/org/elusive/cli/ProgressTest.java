package org.elusive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress in a log file (the test JVM, like a Slurm job, has no console): one plain final line. */
class ProgressTest {
    @Test void outsideATerminalTheBarPrintsItsFinalLineOnceWithoutControlCharacters() {
        assertNull(System.console(), "this test needs a JVM without a terminal, as in a batch job");
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try (Progress bar = Progress.start("eval tiny", 7, " docs")) {
            for (int i = 0; i < 7; i++) bar.step();
        } finally {
            System.setErr(old);
        }
        String err = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("eval tiny 100% [") && err.contains("7/7 docs") && err.endsWith("\n"), err);
        assertFalse(err.contains("\r") || err.contains("\u001b"), err);
    }

    @Test void theFinalLineIsPlainAndPrintedOnce() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress.FinalLine line = new Progress.FinalLine(new PrintStream(buf, true, StandardCharsets.UTF_8));
        line.accept("\r\u001b[33meval x  50% [==  ] 1/2\u001b[0m");
        line.accept("\r\u001b[33meval x 100% [====] 2/2\u001b[0m");
        line.close();
        line.close();
        assertEquals("eval x 100% [====] 2/2\n", buf.toString(StandardCharsets.UTF_8));
    }
}
