package org.elusive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elusive.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsCommandTest {

    private static String[] run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, Main.run(args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
    }

    @Test
    void listsWhatIsMissingFromTheCache(@TempDir Path hub) throws IOException {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Path repo = hub.resolve("models--EleutherAI--pythia-14m");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/step0"), commit);
        Files.createDirectories(repo.resolve("snapshots/" + commit));
        Files.writeString(repo.resolve("snapshots/" + commit + "/config.json"), "{}");

        String[] missing = run(0, "checkpoints", "--models-dir", "models", "--hub-cache", hub.toString(),
                "--family", "pythia", "--sizes", "14m", "--steps", "0,1,2", "--missing", "--specs");
        assertEquals(2, missing.length);
        assertEquals("EleutherAI/pythia-14m@step1", missing[0]);
        assertEquals("EleutherAI/pythia-14m@step2", missing[1]);

        String[] table = run(0, "checkpoints", "--models-dir", "models", "--hub-cache", hub.toString(),
                "--family", "pythia", "--sizes", "14m", "--steps", "0,1", "--counts", "paper");
        assertEquals("family\tmodel\trevision\tparams\ttokens\tcompute\tlocal", table[0]);
        assertEquals("pythia\tEleutherAI/pythia-14m\tstep0\t14000000\t0\t0.000000e+00\t" + repo.resolve("snapshots/" + commit), table[1]);
        assertEquals("pythia\tEleutherAI/pythia-14m\tstep1\t14000000\t2000000\t1.680000e+14\tmissing", table[2]);
    }

    @Test
    void badSelectionsExitTwo() {
        run(2, "checkpoints", "--models-dir", "models", "--family", "nope");
        run(2, "checkpoints", "--models-dir", "models", "--family", "pythia", "--sizes", "15m");
        run(2, "checkpoints", "--models-dir", "models", "--family", "pythia", "--counts", "fuzzy");
    }

    @Test
    void aBadSelectionPrintsNoTableHeader() {
        // stdout stays empty, so `elusive checkpoints ... > list.tsv` does not leave a header-only file looking valid
        assertEquals(0, run(2, "checkpoints", "--models-dir", "models", "--family", "nope").length);
        assertEquals(0, run(2, "checkpoints", "--models-dir", "models", "--family", "pythia", "--steps", "7").length);
    }
}
