package org.elusive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.elusive.cli.Main;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void printsThroughputAndLmEvalTokenCount() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("bench", "--config", "tiny", "--workload", "arc", "--docs", "6", "--warmup", "1");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("lm-eval") && out.contains("tokens/s") && out.contains("docs/s"), out);
        assertTrue(out.contains("float32 on cpu(), sdpa attention"), out);
        assertEquals(2, Main.run("bench", "--config", "tiny", "--attention", "flash"));
        assertEquals(2, Main.run("bench", "--config", "no-such-shape"));
        assertEquals(2, Main.run("bench", "--config", "tiny", "--workload", "squad"));
    }
}
