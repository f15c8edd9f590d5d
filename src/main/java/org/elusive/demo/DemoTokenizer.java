package org.elusive.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a word-level tokenizer.json (Hugging Face tokenizers format) for the demo vocabulary, so the
 * demo checkpoints load through the same tokenizer path as real ones.
 */
public final class DemoTokenizer {
    private DemoTokenizer() {}

    public static void write(List<String> vocabulary, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        ObjectNode eot = added.addObject();
        eot.put("id", 0).put("content", vocabulary.get(0)).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < vocabulary.size(); i++) vocab.put(vocabulary.get(i), i);
        model.put("unk_token", vocabulary.get(0));
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
