package org.elusive.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elusive.core.BadInputException;

/** The checkpoint's tokenizer.json, configured to tokenize exactly what it is given (as lm-eval does). */
public final class Tokenizers {
    private Tokenizers() {}

    /** {@code path}: a checkpoint directory holding tokenizer.json, or a tokenizer .json file. */
    public static HuggingFaceTokenizer load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": tokenizer.json not found");
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
}
