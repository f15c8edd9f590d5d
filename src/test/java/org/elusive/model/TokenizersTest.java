package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;

class TokenizersTest {

    private static Path neox() {
        Path p = Path.of(System.getProperty("elusive.shared", "../shared"), "data/tokenizers/gpt-neox-20b/20B_tokenizer.json");
        assumeTrue(Files.isRegularFile(p), "shared GPT-NeoX tokenizer absent");
        return p;
    }

    @Test
    void noSpecialTokensAndNoTruncation() {
        try (HuggingFaceTokenizer tok = Tokenizers.load(neox())) {
            // ids as transformers' GPT-NeoX-20B tokenizer gives them
            assertArrayEquals(new long[] {12092, 1533}, tok.encode("Hello world").getIds());
            String longText = "word ".repeat(2000); // 2001 tokens by the Python tokenizers library
            assertEquals(2001, tok.encode(longText).getIds().length);
        }
    }

    @Test
    void missingTokenizerIsBadInput(@org.junit.jupiter.api.io.TempDir Path tmp) {
        assertThrows(BadInputException.class, () -> Tokenizers.load(tmp));
    }
}
