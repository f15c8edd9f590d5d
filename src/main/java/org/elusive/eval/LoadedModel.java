package org.elusive.eval;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.elusive.model.AttentionPath;
import org.elusive.model.CausalLM;
import org.elusive.model.CheckpointLoader;
import org.elusive.model.HfConfig;
import org.elusive.model.Tokenizers;
import org.elusive.model.Transformer;

/** A checkpoint in memory, ready to score: the network and its tokenizer; closing frees both. */
public record LoadedModel(CausalLM lm, HuggingFaceTokenizer tokenizer) implements AutoCloseable {

    /**
     * Loads the checkpoint in {@code dir} on {@code device}, computing in {@code dtype}, with the
     * tokenizer of {@code tokenizer} (a tokenizer.json or a directory; null = the checkpoint's own).
     */
    public static LoadedModel load(Path dir, Path tokenizer, Device device, DataType dtype) {
        Path file = Tokenizers.file(tokenizer != null ? tokenizer : dir);
        Tokenizers.requireFits(file, HfConfig.read(dir.resolve("config.json")));   // before the weights load
        HuggingFaceTokenizer tok = Tokenizers.load(file);
        try {
            return new LoadedModel(CheckpointLoader.load(dir, device, dtype), tok);
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    /** Sets the attention later forwards use, where the architecture has the choice; returns this. */
    public LoadedModel attention(AttentionPath path) {
        if (lm instanceof Transformer t) t.attention(path);
        return this;
    }

    @Override public void close() {
        try {
            lm.close();
        } finally {
            tokenizer.close();
        }
    }
}
