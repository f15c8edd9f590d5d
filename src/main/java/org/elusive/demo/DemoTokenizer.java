package org.elusive.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a word-level tokenizer.json (Hugging Face tokenizers format) for the demo vocabulary, so the
 * demo checkpoints load through the same tokenizer path as real ones, and the files transformers'
 * {@code save_pretrained} writes beside it ({@link #writeConfigs}), so that {@code AutoTokenizer} and
 * lm-eval read the demo checkpoints with the same ids as elusive (scripts/reference/demo_tokenizer_ids.py).
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

    /**
     * tokenizer_config.json and special_tokens_map.json for a checkpoint whose tokenizer.json this class
     * wrote. Without a tokenizer_config.json, transformers 5.18 picks the tokenizer class from
     * config.json's model_type (GPTNeoXTokenizer), which rebuilds a byte-level BPE from the vocabulary
     * and encodes "the color of x is red ." as one id. {@code PreTrainedTokenizerFast} (5.x reads it as
     * {@code TokenizersBackend}; 4.x has it under that name) runs tokenizer.json as written. The keys are
     * those save_pretrained writes for it, less the load-time {@code is_local}/{@code local_files_only};
     * {@code model_max_length} is the model's context instead of transformers' "unknown" 1e30.
     * special_tokens_map.json is what transformers 4.x wrote beside it (5.x reads it, no longer writes it).
     */
    public static void writeConfigs(Path dir, String endOfText, int maxLength) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode special = json.createObjectNode();
        special.put("bos_token", endOfText).put("eos_token", endOfText).put("unk_token", endOfText);
        ObjectNode config = json.createObjectNode();
        config.put("backend", "tokenizers");
        config.setAll(special);
        config.put("model_max_length", maxLength);
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("tokenizer_config.json").toFile(), sorted(config));
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("special_tokens_map.json").toFile(), special);
    }

    /** Keys in sorted order, as transformers writes tokenizer_config.json (json.dumps(sort_keys=True)). */
    private static java.util.Map<String, Object> sorted(ObjectNode node) {
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
