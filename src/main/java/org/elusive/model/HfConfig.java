package org.elusive.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elusive.core.BadInputException;

/** A checkpoint's config.json with typed getters whose errors name the file and key. */
public record HfConfig(Path file, JsonNode root) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static HfConfig read(Path file) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": not found (every checkpoint directory needs config.json)");
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) throw new BadInputException(file + ": expected a JSON object");
            return new HfConfig(file, root);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new BadInputException(file + ": not valid JSON (" + m.lines().findFirst().orElse(m) + ")");
        }
    }

    public boolean has(String key) { return root.hasNonNull(key); }

    public int integer(String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.canConvertToInt()) throw new BadInputException(file + ": key '" + key + "': expected an integer");
        return n.asInt();
    }

    public int integer(String key, int fallback) { return has(key) ? integer(key) : fallback; }

    /** A size (width, layers, heads, vocabulary): 0 or less would divide by zero or build an empty model. */
    public int size(String key) {
        int v = integer(key);
        if (v < 1) throw new BadInputException(file + ": key '" + key + "': expected a positive integer, got " + v);
        return v;
    }

    public int size(String key, int fallback) { return has(key) ? size(key) : fallback; }

    /**
     * Heads that split {@code width} (the value of {@code widthKey}) evenly: each head gets width / heads
     * dimensions, and a remainder would silently drop columns of the projections.
     */
    public int heads(String key, int width, String widthKey) {
        int heads = size(key);
        if (width % heads != 0) {
            throw new BadInputException(file + ": key '" + key + "': " + heads + " heads do not divide " + widthKey + " " + width);
        }
        return heads;
    }

    public double number(String key, double fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return fallback;
        if (!n.isNumber()) throw new BadInputException(file + ": key '" + key + "': expected a number");
        return n.asDouble();
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return fallback;
        if (!n.isBoolean()) throw new BadInputException(file + ": key '" + key + "': expected true or false");
        return n.asBoolean();
    }

    public String string(String key, String fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    /** The architecture name, architectures[0]; older configs without it are named by model_type. */
    public String architecture() {
        JsonNode a = root.get("architectures");
        if (a != null && a.isArray() && !a.isEmpty()) return a.get(0).asText();
        String byType = switch (string("model_type", "")) {
            case "gpt_neox" -> "GPTNeoXForCausalLM";
            case "llama" -> "LlamaForCausalLM";
            case "olmo" -> "OlmoForCausalLM";
            case "olmo2" -> "Olmo2ForCausalLM";
            case "gpt2" -> "GPT2LMHeadModel";
            default -> null;
        };
        if (byType == null) throw new BadInputException(file + ": key 'architectures': expected a list with the model class");
        return byType;
    }

    /** rope theta from transformers-5 {@code rope_parameters} or the older top-level keys. */
    public double ropeTheta(String legacyKey, double fallback) {
        JsonNode rp = root.get("rope_parameters");
        if (rp != null && rp.has("rope_theta")) return rp.get("rope_theta").asDouble();
        return number(legacyKey, fallback);
    }

    /** The fraction of each head's dimensions that rotate, in (0, 1]: more than the head has is no config HF can run. */
    public double partialRotary(String legacyKey, double fallback) {
        JsonNode rp = root.get("rope_parameters");
        boolean nested = rp != null && rp.has("partial_rotary_factor");
        double pct = nested ? rp.get("partial_rotary_factor").asDouble() : number(legacyKey, fallback);
        if (!(pct > 0 && pct <= 1)) {
            String key = nested ? "rope_parameters.partial_rotary_factor" : legacyKey;
            throw new BadInputException(file + ": key '" + key + "': expected a fraction in (0, 1], got " + pct);
        }
        return pct;
    }

    /** Only plain rotary is implemented; scaled variants (linear, dynamic, yarn, llama3) would give wrong numbers silently. */
    public void requirePlainRope() {
        JsonNode rp = root.has("rope_parameters") ? root.get("rope_parameters") : root.get("rope_scaling");
        if (rp == null || rp.isNull()) return;
        String type = rp.has("rope_type") ? rp.get("rope_type").asText() : rp.path("type").asText("default");
        if (!type.equals("default")) {
            throw new BadInputException(file + ": key 'rope_type' is '" + type + "'; only default rotary embeddings are supported");
        }
    }

    public ModelConfig modelConfig(int vocab, int hidden, int layers, int heads, int maxPositions) {
        return new ModelConfig(architecture(), vocab, hidden, layers, heads, maxPositions, tokenId("bos_token_id"),
                tokenId("eos_token_id"));
    }

    /** A special token id; -1 when absent; the first when a list (some configs list several EOS ids). */
    public int tokenId(String key) {
        JsonNode n = root.get(key);
        if (n != null && n.isArray()) n = n.isEmpty() ? null : n.get(0);
        if (n == null || n.isNull()) return -1;
        if (!n.canConvertToInt()) throw new BadInputException(file + ": key '" + key + "': expected a token id");
        return n.asInt();
    }
}
