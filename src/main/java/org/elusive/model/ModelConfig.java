package org.elusive.model;

/**
 * The architecture-independent facts of a checkpoint's config.json that callers need.
 * Architecture files keep their own specific fields.
 */
public record ModelConfig(String architecture, int vocabSize, int hiddenSize, int numLayers,
        int numHeads, int maxPositions, int bosTokenId, int eosTokenId) {}
