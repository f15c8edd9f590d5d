package org.elusive.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elusive.core.BadInputException;

/** The checkpoint's tokenizer.json, configured to tokenize exactly what it is given (as lm-eval does). */
public final class Tokenizers {
    private Tokenizers() {}

    /** {@code path}: a checkpoint directory holding tokenizer.json, or a tokenizer .json file. */
    public static Path file(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": tokenizer.json not found");
        return file;
    }

    /** {@code path}: a checkpoint directory holding tokenizer.json, or a tokenizer .json file. */
    public static HuggingFaceTokenizer load(Path path) {
        Path file = file(path);
        try {
            // DJL's defaults would truncate at 512 tokens and add BOS/EOS: both change log-probs silently
            return HuggingFaceTokenizer.builder().optTokenizerPath(file)
                    .optTruncation(false).optPadding(false).optAddSpecialTokens(false).build();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": not a valid HF tokenizer.json (" + e.getMessage() + ")");
        }
    }

    /**
     * Refuses a tokenizer that can produce ids past the model's embedding rows (a tokenizer of another
     * model): the first such id would fail deep in a forward, or on some devices read garbage. A
     * vocabulary smaller than the model's is normal (Pythia pads 50277 tokens to 50304 rows).
     */
    public static void requireFits(Path tokenizerFile, HfConfig config) {
        int vocab = config.size("vocab_size");
        int largest = largestId(tokenizerFile);
        if (largest >= vocab) {
            throw new BadInputException(tokenizerFile + ": token id " + largest + " is beyond vocab_size " + vocab + " of "
                    + config.file() + " (a tokenizer of another model?)");
        }
    }

    /** The largest id of the tokenizer's vocabulary and added tokens; -1 if it lists none. */
    static int largestId(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not a valid HF tokenizer.json (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        int largest = -1;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {          // BPE, WordPiece, WordLevel: token -> id
            for (JsonNode id : (Iterable<JsonNode>) vocab::elements) largest = Math.max(largest, id.asInt());
        } else if (vocab.isArray()) {    // Unigram: [token, score] pairs, the id is the position
            largest = vocab.size() - 1;
        }
        for (JsonNode t : root.path("added_tokens")) largest = Math.max(largest, t.path("id").asInt(-1));
        return largest;
    }
}
