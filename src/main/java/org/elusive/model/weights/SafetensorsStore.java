package org.elusive.model.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.elusive.core.BadInputException;

/**
 * Safetensors checkpoints, single-file or sharded with {@code model.safetensors.index.json}: only the
 * JSON headers are parsed here (8-byte length, JSON, then the data section); reading is {@link TensorFiles}'.
 */
public final class SafetensorsStore extends TensorFiles {

    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers are small; a huge value means a corrupt or foreign file, not a real header. */
    private static final long MAX_HEADER = 256L << 20;

    private SafetensorsStore(Path where) { super(where); }

    public static WeightStore open(Path dir) {
        Path index = dir.resolve(INDEX);
        boolean sharded = Files.exists(index);
        SafetensorsStore store = new SafetensorsStore(sharded ? index : dir.resolve(SINGLE));
        try {
            if (sharded) {
                ShardIndex shards = ShardIndex.read(index);
                for (Path file : shards.files()) store.readHeader(file, shards);
                shards.checkComplete(store::contains);
            } else {
                store.readHeader(dir.resolve(SINGLE), null);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Adds the file's tensors (those the index puts in this file, when sharded). */
    private void readHeader(Path file, ShardIndex shards) {
        FileChannel ch = channel(file);
        try {
            long size = ch.size();
            if (size < 8) throw new BadInputException(file + ": truncated safetensors file (" + size + " bytes, no header)");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(len, 0);
            long n = len.getLong(0);
            if (n <= 0 || n > MAX_HEADER || 8 + n > size) {
                throw new BadInputException(file + ": corrupt or truncated safetensors file (header length " + n
                        + " but file has " + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            while (header.hasRemaining()) if (ch.read(header, 8 + header.position()) < 0) break;
            JsonNode root;
            try {
                root = JSON.readTree(header.array());
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                throw new BadInputException(file + ": safetensors header is not valid JSON (" + m.lines().findFirst().orElse("") + ")");
            }
            if (root == null || !root.isObject()) throw new BadInputException(file + ": safetensors header is not a JSON object");
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("__metadata__") || shards != null && !shards.maps(f.getKey(), file)) continue;
                add(stored(file, f.getKey(), f.getValue(), 8 + n, size));
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Stored stored(Path file, String name, JsonNode t, long dataStart, long fileSize) {
        String where = file + ": tensor '" + name + "'";
        JsonNode dtype = t.get("dtype"), shapeNode = t.get("shape"), offsets = t.get("data_offsets");
        if (dtype == null || shapeNode == null || !shapeNode.isArray() || offsets == null || offsets.size() != 2) {
            throw new BadInputException(where + ": expected dtype, shape and data_offsets [begin, end]");
        }
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) throw new BadInputException(where + ": negative or non-integer dimension in shape " + shapeNode);
            numel = shape[i] != 0 && numel > Long.MAX_VALUE / shape[i] ? Long.MAX_VALUE : numel * shape[i];
        }
        long begin = offsets.get(0).asLong(-1), end = offsets.get(1).asLong(-1);
        int width = Floats.width(dtype.asText());
        if (begin < 0 || end < begin || end > fileSize - dataStart) {
            throw new BadInputException(where + ": data_offsets [" + begin + ", " + end + "] outside the file ("
                    + (fileSize - dataStart) + " data bytes): truncated or corrupt");
        }
        if (width > 0 && (numel > (end - begin) || end - begin != numel * width)) {
            throw new BadInputException(where + ": " + (end - begin) + " bytes but shape " + shapeNode + " of "
                    + dtype.asText() + " needs " + (numel == Long.MAX_VALUE ? "more" : String.valueOf(numel * width)));
        }
        return new Stored(new TensorInfo(name, dtype.asText(), shape, file), dataStart + begin, null);
    }
}
