package org.elusive.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.model.GptNeoX;
import org.elusive.model.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A demo checkpoint's tokenizer files, as transformers reads them: the committed checkpoint files are
 * what the demo writes today, and AutoTokenizer (transformers 5.18, loaded as lm-eval's HFLM loads it,
 * and again after save_pretrained) gives on them the ids elusive's tokenizer gives
 * (scripts/reference/make_demo_tokenizer_ids.py made the ids).
 */
class DemoTokenizerRoundTripTest {
    @TempDir Path tmp;

    static Path resource(String name) throws Exception {
        return Path.of(DemoTokenizerRoundTripTest.class.getResource("/demo/" + name).toURI());
    }

    @Test
    void theCommittedCheckpointFilesAreWhatTheDemoWrites() throws Exception {
        DemoWorld world = DemoWorld.generate(120, 7);   // the demo's defaults
        DemoTokenizer.write(world.vocabulary(), tmp.resolve("tokenizer.json"));
        GptNeoX.Config config = DemoFamily.standard().config(DemoFamily.standard().sizes().get(0), world.vocabulary().size());
        DemoTokenizer.writeConfigs(tmp, DemoWorld.END_OF_TEXT, config.maxPositions());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("config.json").toFile(), config.toJson());
        for (String f : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "config.json")) {
            assertEquals(Files.readString(resource("checkpoint/" + f)), Files.readString(tmp.resolve(f)), f);
        }
    }

    @Test
    void autoTokenizerGivesOurIds() throws Exception {
        JsonNode fixture = new ObjectMapper().readTree(resource("demo_tokenizer_ids.json").toFile());
        // PreTrainedTokenizerFast, which transformers 5 names TokenizersBackend: tokenizer.json as written
        assertEquals("TokenizersBackend", fixture.get("loaded").get("class").asText());
        assertEquals(List.of("tokenizer.json", "tokenizer_config.json"),
                new ObjectMapper().convertValue(fixture.get("save_pretrained_files"), List.class));
        try (HuggingFaceTokenizer ours = Tokenizers.load(resource("checkpoint"))) {
            JsonNode texts = fixture.get("texts");
            for (String run : List.of("loaded", "round_trip")) {
                for (int i = 0; i < texts.size(); i++) {
                    long[] want = new ObjectMapper().convertValue(fixture.get(run).get("ids").get(i), long[].class);
                    String text = texts.get(i).asText();
                    assertArrayEquals(want, ours.encode(text).getIds(), run + ": '" + text + "'");
                }
            }
        }
    }
}
