package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class EncoderTest {

    @Test
    void tokenIdsEqualLmEvalsOnItsOwnRequests() throws Exception {
        try (HuggingFaceTokenizer tok = Encoder.tokenizer(Fixtures.sharedTokenizer())) {
            Encoder enc = new Encoder(tok, 0);
            int n = 0;
            for (JsonNode d : Fixtures.parity().get("direct")) {
                Encoder.Pair p = enc.encode(d.get("context").asText(), d.get("continuation").asText());
                String what = d.get("context").asText() + "|" + d.get("continuation").asText();
                assertArrayEquals(ints(d.get("context_enc")), p.context(), what);
                assertArrayEquals(ints(d.get("continuation_enc")), p.continuation(), what);
                n++;
            }
            assertEquals(10, n);
        }
    }

    @Test
    void rstripFollowsPythonWhitespace() {
        assertEquals(3, Encoder.rstripLength("abc \t\n"));
        assertEquals(3, Encoder.rstripLength("abc\u00a0\u2028\u0085"));
        assertEquals(0, Encoder.rstripLength("   "));
        assertEquals(4, Encoder.rstripLength("abc\u200b"));   // zero-width space is not whitespace in Python
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }
}
