package org.elusive.catalog;

/**
 * One checkpoint of a family as listed in models/*.yaml: enough to know compute without downloading.
 * {@code model} is the HF id (e.g. EleutherAI/pythia-160m), {@code revision} a branch such as step1000.
 */
public record Checkpoint(String family, String model, String revision, long params, double tokens) {
    public double compute() { return 6.0 * params * tokens; }
    public String spec() { return model + "@" + revision; }
}
