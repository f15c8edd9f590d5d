package org.elusive.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.elusive.core.BadInputException;

/**
 * Safetensors checkpoints, single-file or sharded with {@code model.safetensors.index.json}.
 *
 * <p>Only the JSON headers are read up front; each tensor is memory-mapped when it is loaded, so a
 * shard larger than 2 GiB works and nothing is copied on the Java heap (bf16 excepted: it is widened
 * to fp32 in Java because DJL's PyTorch engine aborts on BFLOAT16). On CPU an fp32/fp16 tensor stored
 * in the compute dtype is a copy-on-write mapping DJL wraps without a copy, so in-place ops on it are
 * safe; a read-only file's tensors are copied instead.
 */
public final class SafetensorsStore implements WeightStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers are small; a huge value means a corrupt or foreign file, not a real header. */
    private static final long MAX_HEADER = 256L << 20;

    private record Entry(TensorInfo info, long offset, long length) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<Path, FileChannel> channels = new LinkedHashMap<>();
    /** Files open for writing too, so tensors can be copy-on-write mappings (we never write). */
    private final Set<Path> copyOnWrite = new java.util.HashSet<>();

    private final boolean mayCopyOnWrite;

    private SafetensorsStore(boolean mayCopyOnWrite) { this.mayCopyOnWrite = mayCopyOnWrite; }

    public static WeightStore open(Path dir) { return open(dir, true); }

    /** {@code mayCopyOnWrite = false} takes the read-only-file path (map, then copy each tensor). */
    static WeightStore open(Path dir, boolean mayCopyOnWrite) {
        SafetensorsStore store = new SafetensorsStore(mayCopyOnWrite);
        try {
            Path index = dir.resolve("model.safetensors.index.json");
            if (Files.exists(index)) {
                for (String file : shardFiles(index)) store.readHeader(dir.resolve(file));
            } else {
                store.readHeader(dir.resolve("model.safetensors"));
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Opens one .safetensors file on its own (tests, tools). */
    public static WeightStore openFile(Path file) {
        SafetensorsStore store = new SafetensorsStore(true);
        try {
            store.readHeader(file);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static Set<String> shardFiles(Path index) {
        JsonNode map;
        try {
            map = JSON.readTree(index.toFile()).get("weight_map");
        } catch (IOException e) {
            throw new BadInputException(index + ": not valid JSON (" + firstLine(e) + ")");
        }
        if (map == null || !map.isObject()) {
            throw new BadInputException(index + ": expected an object \"weight_map\" of tensor name -> shard file");
        }
        Set<String> files = new TreeSet<>();
        map.fields().forEachRemaining(f -> files.add(f.getValue().asText()));
        return files;
    }

    private void readHeader(Path file) {
        FileChannel ch;
        try {
            ch = mayCopyOnWrite ? openForCopyOnWrite(file) : null;
            if (ch != null) copyOnWrite.add(file);
            else ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": weight file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open", e);
        }
        channels.put(file, ch);
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
                throw new BadInputException(file + ": safetensors header is not valid JSON (" + firstLine(e) + ")");
            }
            if (root == null || !root.isObject()) throw new BadInputException(file + ": safetensors header is not a JSON object");
            long dataStart = 8 + n;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("__metadata__")) continue;
                Entry e = entry(file, f.getKey(), f.getValue(), dataStart, size);
                entries.put(f.getKey(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }

    /** Java maps copy-on-write (PRIVATE) only through a channel open for writing; null where the file is read-only. */
    private static FileChannel openForCopyOnWrite(Path file) throws IOException {
        if (!Files.isWritable(file)) return null;
        try {
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static Entry entry(Path file, String name, JsonNode t, long dataStart, long fileSize) {
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
            numel *= shape[i];
        }
        long begin = offsets.get(0).asLong(-1), end = offsets.get(1).asLong(-1);
        int width = width(dtype.asText());
        if (begin < 0 || end < begin || dataStart + end > fileSize) {
            throw new BadInputException(where + ": data_offsets [" + begin + ", " + end + "] outside the file ("
                    + (fileSize - dataStart) + " data bytes): truncated or corrupt");
        }
        if (width > 0 && end - begin != numel * width) {
            throw new BadInputException(where + ": " + (end - begin) + " bytes but shape " + shapeNode + " of "
                    + dtype.asText() + " needs " + numel * width);
        }
        return new Entry(new TensorInfo(name, dtype.asText(), shape, file), dataStart + begin, end - begin);
    }

    /** Bytes per element of the dtypes we can load; 0 for the others (they may sit in a file unused). */
    private static int width(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override public Set<String> names() { return java.util.Collections.unmodifiableSet(entries.keySet()); }

    @Override public TensorInfo info(String name) {
        Entry e = entries.get(name);
        if (e == null) throw missing(name);
        return e.info();
    }

    private BadInputException missing(String name) {
        Path where = channels.isEmpty() ? Path.of("?") : channels.keySet().iterator().next().getParent();
        return new BadInputException(where + ": tensor '" + name + "' not found in the safetensors weights");
    }

    @Override public NDArray load(String name, NDManager manager, DataType target) {
        Entry e = entries.get(name);
        if (e == null) throw missing(name);
        if (target != DataType.FLOAT32 && target != DataType.FLOAT16) {
            throw new IllegalArgumentException("target dtype must be FLOAT32 or FLOAT16, not " + target);
        }
        TensorInfo info = e.info();
        Shape shape = new Shape(info.shape());
        ByteBuffer buf = map(e);
        DataType stored = switch (info.dtype()) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> {
                buf = Bf16.widen(buf);
                yield DataType.FLOAT32;
            }
            default -> throw new BadInputException(info.file() + ": tensor '" + name + "' has dtype " + info.dtype()
                    + ", expected F32, F16 or BF16");
        };
        NDArray raw = manager.create(buf, shape, stored);
        boolean wrapsBuffer = !manager.getDevice().isGpu(); // on CPU, DJL wraps the buffer without copying
        boolean keep = !wrapsBuffer || (copyOnWrite.contains(info.file()) && !info.dtype().equals("BF16"));
        if (stored == target && keep) return raw;
        // copy into libtorch-owned memory: a read-only mapping would crash the JVM on an in-place op, and a
        // widened bf16 buffer would stay pinned as Java direct memory (bounded by -XX:MaxDirectMemorySize)
        NDArray converted = stored == target ? raw.duplicate() : raw.toType(target, true);
        raw.close();
        return converted;
    }

    private ByteBuffer map(Entry e) {
        FileChannel ch = channels.get(e.info().file());
        try {
            // the native side reads from the buffer's address, so it must be its own mapping (or a slice)
            if (e.length() == 0) return ByteBuffer.allocateDirect(0);
            FileChannel.MapMode mode = copyOnWrite.contains(e.info().file()) ? FileChannel.MapMode.PRIVATE : FileChannel.MapMode.READ_ONLY;
            return ch.map(mode, e.offset(), e.length()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new UncheckedIOException(e.info().file() + ": cannot map tensor '" + e.info().name() + "'", ex);
        }
    }

    @Override public void close() {
        List<IOException> errors = new ArrayList<>();
        for (FileChannel ch : channels.values()) {
            try {
                ch.close();
            } catch (IOException ex) {
                errors.add(ex);
            }
        }
        channels.clear();
        if (!errors.isEmpty()) throw new UncheckedIOException(errors.get(0));
    }
}
