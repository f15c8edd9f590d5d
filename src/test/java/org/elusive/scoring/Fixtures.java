package org.elusive.scoring;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The lm-eval parity fixture and the GPT-NeoX-20B tokenizer from ../shared (tests skip without it). */
final class Fixtures {
    private Fixtures() {}

    static Path sharedTokenizer() {
        String shared = System.getProperty("elusive.shared", "../shared");
        Path p = Path.of(shared, "data/tokenizers/gpt-neox-20b/20B_tokenizer.json");
        assumeTrue(Files.isRegularFile(p), "GPT-NeoX-20B tokenizer not found at " + p + " (../shared absent)");
        return p;
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/scoring/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    static JsonNode parity() throws IOException {
        return new ObjectMapper().readTree(resource("lmeval_parity.json").toFile());
    }
}
