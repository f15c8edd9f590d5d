package org.elusive.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.elusive.core.Version;

/**
 * What a unit's rows depend on, as named strings (task config hash, checkpoint revision and weight
 * hashes, harness version, scoring options). A stored unit whose fingerprint differs is redone.
 */
public record Fingerprint(Map<String, String> parts) {
    /** Bytes hashed at the head of each weight file: a safetensors header (names, dtypes, offsets) and the first tensors. */
    static final int HEAD_BYTES = 1 << 20;

    public Fingerprint {
        parts = Collections.unmodifiableMap(new TreeMap<>(parts));
    }

    /** sha256 over the sorted key=value lines. */
    public String id() {
        StringBuilder sb = new StringBuilder();
        parts.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public Fingerprint with(String key, String value) {
        Map<String, String> m = new TreeMap<>(parts);
        m.put(key, value);
        return new Fingerprint(m);
    }

    /** The harness version: results of another version are redone. */
    public static String harnessVersion() {
        return Version.harness();
    }

    /**
     * Hash of a checkpoint directory without reading multi-GB files: for config.json, tokenizer.json,
     * index files and every weight file, its name, size and the sha256 of its first MiB. HF revisions
     * are immutable, so this detects a different or re-downloaded checkpoint, not bit rot deep inside.
     */
    public static String checkpointHash(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> relevant = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.equals("config.json") || n.equals("tokenizer.json") || n.endsWith(".safetensors")
                        || n.endsWith(".bin") || n.endsWith(".index.json") || n.endsWith(".pt");
            }).sorted().toList();
            StringBuilder sb = new StringBuilder();
            for (Path f : relevant) {
                sb.append(f.getFileName()).append(':').append(Files.size(f)).append(':').append(headHash(f)).append('\n');
            }
            return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash checkpoint " + dir, e);
        }
    }

    static String headHash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in.readNBytes(HEAD_BYTES));
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
