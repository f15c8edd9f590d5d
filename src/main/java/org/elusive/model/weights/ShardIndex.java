package org.elusive.model.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.elusive.core.BadInputException;

/**
 * A sharded checkpoint's {@code *.index.json} (the same for safetensors and torch.save shards): which
 * file holds each tensor. A tensor is taken only from the file the index names, and every tensor the
 * index names must be found there, so a stale or hand-edited index fails loudly instead of mixing shards.
 */
final class ShardIndex {

    private final Path index;
    private final Map<String, Path> fileOf = new LinkedHashMap<>();

    private ShardIndex(Path index) { this.index = index; }

    static ShardIndex read(Path index) {
        JsonNode map;
        try {
            map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new BadInputException(index + ": not valid JSON (" + m.lines().findFirst().orElse("") + ")");
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new BadInputException(index + ": expected a non-empty object \"weight_map\" of tensor name -> shard file");
        }
        ShardIndex s = new ShardIndex(index);
        map.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new BadInputException(index + ": weight_map '" + e.getKey() + "': expected a file name, got " + e.getValue());
            }
            s.fileOf.put(e.getKey(), index.resolveSibling(e.getValue().asText()).normalize());
        });
        for (Path f : s.files()) {
            if (!Files.isRegularFile(f)) {
                String first = s.fileOf.entrySet().stream().filter(e -> e.getValue().equals(f)).findFirst().orElseThrow().getKey();
                throw new BadInputException(index + ": shard " + f.getFileName() + " (holding " + first + ", ...) not found at " + f);
            }
        }
        return s;
    }

    /** The shard files, sorted by name (model-00001-of-… first). */
    List<Path> files() { return List.copyOf(new TreeSet<>(fileOf.values())); }

    /** Whether the index puts tensor {@code name} in {@code file}. */
    boolean maps(String name, Path file) { return file.normalize().equals(fileOf.get(name)); }

    /** Every tensor of the index was found in its shard. */
    void checkComplete(Predicate<String> found) {
        fileOf.forEach((name, file) -> {
            if (!found.test(name)) {
                throw new BadInputException(index + ": tensor " + name + " is mapped to " + file.getFileName()
                        + " but that file does not contain it");
            }
        });
    }
}
