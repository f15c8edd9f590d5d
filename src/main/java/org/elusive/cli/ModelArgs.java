package org.elusive.cli;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elusive.core.BadInputException;
import org.elusive.model.CheckpointLoader;

/**
 * lm-eval's {@code --model_args} for its {@code hf} model, typed at the CLI border. As lm-eval 0.4.13
 * reads it: {@code key=value} items separated by commas outside brackets and quotes, in one or more
 * words, or one JSON object; a later key overrides an earlier one. Only the keys that mean something
 * here are accepted; any other is a usage error naming it, since ignoring it (e.g.
 * {@code add_bos_token=True}) would score something other than what the user asked for.
 *
 * @param pretrained checkpoint directory or hub id
 * @param revision   hub revision (branch, tag or commit)
 * @param dtype      compute dtype; empty = the device's default ({@code auto} too)
 * @param device     as {@code --device}
 * @param maxLength  as {@code --max-length}
 * @param tokenizer  a tokenizer.json or a directory holding one
 */
record ModelArgs(Optional<String> pretrained, Optional<String> revision, Optional<DataType> dtype, Optional<String> device,
        Optional<Integer> maxLength, Optional<Path> tokenizer) {

    static final Set<String> KEYS = Set.of("pretrained", "revision", "dtype", "device", "max_length", "tokenizer",
            "batch_size", "trust_remote_code");

    static ModelArgs none() {
        return new ModelArgs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The words given after {@code --model_args}, merged into one typed record. */
    static ModelArgs parse(List<String> words) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String w : words) kv.putAll(items(w));
        for (String k : kv.keySet()) {
            if (!KEYS.contains(k)) {
                throw new BadInputException("--model_args: key '" + k + "' is not supported (supported: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        // batch_size and trust_remote_code change no number here: batching is by tokens, and no remote code ever runs
        return new ModelArgs(Optional.ofNullable(kv.get("pretrained")), Optional.ofNullable(kv.get("revision")),
                Optional.ofNullable(kv.get("dtype")).filter(d -> !d.equalsIgnoreCase("auto")).map(ModelArgs::dtype),
                Optional.ofNullable(kv.get("device")), Optional.ofNullable(kv.get("max_length")).map(ModelArgs::maxLength),
                Optional.ofNullable(kv.get("tokenizer")).map(Path::of));
    }

    private static DataType dtype(String v) {
        try {
            return CheckpointLoader.dataType(v);
        } catch (BadInputException e) {
            throw new BadInputException("--model_args dtype=" + v + ": expected float32, float16 or auto"
                    + (v.toLowerCase(java.util.Locale.ROOT).contains("bf") ? " (bf16 weights are read, but computed in fp32 or fp16)" : ""));
        }
    }

    private static int maxLength(String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new BadInputException("--model_args max_length=" + v + ": expected a whole number >= 1");
    }

    /** One word: a JSON object, or key=value items. */
    private static Map<String, String> items(String word) {
        Map<String, String> out = new LinkedHashMap<>();
        if (word.strip().startsWith("{")) {
            try {
                Map<?, ?> m = new ObjectMapper().readValue(word, Map.class);
                m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
                return out;
            } catch (JsonProcessingException e) {
                throw new BadInputException("--model_args " + word + ": not a JSON object (use double quotes): " + e.getOriginalMessage());
            }
        }
        for (String item : splitTopLevel(word)) {
            int eq = item.indexOf('=');
            if (eq < 0) throw new BadInputException("--model_args: expected key=value, got '" + item + "'");
            out.put(item.substring(0, eq).strip(), unquote(item.substring(eq + 1).strip()));
        }
        return out;
    }

    private static String unquote(String v) {
        boolean quoted = v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0);
        return quoted ? v.substring(1, v.length() - 1) : v;
    }

    /** lm-eval's split_top_level: commas outside brackets, braces and quotes; empty parts dropped. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if ("[({".indexOf(c) >= 0) {
                depth++;
            } else if ("])}".indexOf(c) >= 0) {
                depth = Math.max(depth - 1, 0);
            } else if (c == ',' && depth == 0) {
                parts.add(buf.toString());
                buf.setLength(0);
                continue;
            }
            buf.append(c);
        }
        parts.add(buf.toString());
        return parts.stream().filter(p -> !p.isEmpty()).toList();
    }
}
