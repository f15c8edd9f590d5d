package org.elusive.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elusive.core.BadInputException;

/**
 * PyTorch checkpoints written by {@code torch.save}: {@code pytorch_model.bin}, or shards
 * {@code pytorch_model-0000x-of-0000y.bin} listed in {@code pytorch_model.bin.index.json}.
 *
 * <p>Each file is a zip of STORED entries: {@code <prefix>/data.pkl} (the state dict, pickled, with
 * storages as persistent ids) and {@code <prefix>/data/<key>} (raw little-endian storage bytes). The
 * pickle is read with Pyrolite; tensor bytes are memory-mapped where they lie in the zip, so an fp32
 * or fp16 tensor reaches DJL without a copy. The mapping is copy-on-write, so in-place ops on a loaded
 * weight are safe; on a read-only file (where Java cannot map copy-on-write) each tensor is copied
 * instead. Strided views (a transpose saved as such) are gathered into a fresh buffer. bf16 and f64
 * are converted to fp32 in Java.
 */
public final class TorchBinStore implements WeightStore {

    public static final String SINGLE = "pytorch_model.bin";
    public static final String INDEX = "pytorch_model.bin.index.json";

    private record Located(TensorInfo info, TorchPickle.Tensor tensor, Shard shard) {}

    /** {@code cow}: the channel is open for writing too, so tensors can be copy-on-write (PRIVATE) mappings. */
    private record Shard(Path file, FileChannel channel, boolean cow, Map<String, ZipEntries.Entry> entries, String prefix) {}

    private final Map<String, Located> tensors;
    private final List<Shard> shards;

    private TorchBinStore(Map<String, Located> tensors, List<Shard> shards) {
        this.tensors = tensors;
        this.shards = shards;
    }

    /** Opens {@code dir/pytorch_model.bin.index.json} (sharded) or else {@code dir/pytorch_model.bin}. */
    public static WeightStore open(Path dir) {
        return open(dir, true);
    }

    /** {@code copyOnWrite = false} forces the read-only path (map, then copy each tensor), as for files we may not open for writing. */
    static WeightStore open(Path dir, boolean copyOnWrite) {
        Path index = dir.resolve(INDEX);
        if (Files.exists(index)) return openIndex(index, copyOnWrite);
        Path single = dir.resolve(SINGLE);
        if (Files.exists(single)) return openFiles(List.of(single), null, null, copyOnWrite);
        throw new BadInputException(dir + ": no " + SINGLE + " or " + INDEX);
    }

    /** Opens one torch.save file directly, whatever its name. */
    public static WeightStore openFile(Path file) {
        return openFiles(List.of(file), null, null, true);
    }

    private static WeightStore openIndex(Path index, boolean copyOnWrite) {
        JsonNode map;
        try {
            map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
        } catch (IOException e) {
            throw new BadInputException(index + ": not valid JSON: " + e.getMessage());
        }
        if (!map.isObject() || map.isEmpty()) throw new BadInputException(index + ": expected a non-empty object at key weight_map");
        Map<String, String> weightMap = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> weightMap.put(e.getKey(), e.getValue().asText()));
        List<Path> files = new ArrayList<>();
        for (String f : new LinkedHashSet<>(weightMap.values())) {
            Path p = index.resolveSibling(f);
            if (!Files.exists(p)) {
                String first = weightMap.entrySet().stream().filter(e -> e.getValue().equals(f)).findFirst().orElseThrow().getKey();
                throw new BadInputException(index + ": shard " + f + " (holding " + first + ", ...) does not exist at " + p);
            }
            files.add(p);
        }
        return openFiles(files, weightMap, index, copyOnWrite);
    }

    private static WeightStore openFiles(List<Path> files, Map<String, String> weightMap, Path index, boolean copyOnWrite) {
        List<Shard> shards = new ArrayList<>();
        Map<String, Located> tensors = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                Shard shard = openShard(file, copyOnWrite);
                shards.add(shard);
                for (var e : readPickle(shard).entrySet()) {
                    String name = e.getKey();
                    String mapped = weightMap == null ? null : weightMap.get(name);
                    if (weightMap != null && (mapped == null || !index.resolveSibling(mapped).normalize().equals(file.normalize()))) continue;
                    tensors.put(name, locate(name, e.getValue(), shard));
                }
            }
            if (weightMap != null) {
                for (var e : weightMap.entrySet()) {
                    if (!tensors.containsKey(e.getKey())) {
                        throw new BadInputException(index + ": tensor " + e.getKey() + " is mapped to " + e.getValue()
                                + " but that file does not contain it");
                    }
                }
            }
        } catch (RuntimeException e) {
            shards.forEach(TorchBinStore::closeQuietly);
            throw e;
        }
        return new TorchBinStore(Collections.unmodifiableMap(tensors), shards);
    }

    private static Shard openShard(Path file, boolean copyOnWrite) {
        FileChannel ch = null;
        try {
            ch = copyOnWrite ? openForCopyOnWrite(file) : null;
            boolean cow = ch != null;
            if (ch == null) ch = FileChannel.open(file, StandardOpenOption.READ);
            ByteBuffer magic = ZipEntries.readAt(ch, 0, (int) Math.min(4, ch.size()));
            if (magic.remaining() < 4 || magic.getInt(0) != 0x04034b50) {
                throw new BadInputException(file + ": not a zip-format torch.save file (legacy pre-1.6 torch "
                        + "serialization, or not a checkpoint); re-save it with a current torch.save");
            }
            Map<String, ZipEntries.Entry> entries = ZipEntries.read(file, ch);
            String pkl = entries.keySet().stream().filter(n -> n.endsWith("data.pkl") && n.indexOf('/') == n.lastIndexOf('/'))
                    .findFirst().orElseThrow(() -> new BadInputException(file + ": no <prefix>/data.pkl entry in the zip"));
            return new Shard(file, ch, cow, entries, pkl.substring(0, pkl.length() - "data.pkl".length()));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** Never written to: Java maps copy-on-write (PRIVATE) only through a channel open for writing. Null where it cannot be. */
    private static FileChannel openForCopyOnWrite(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException | SecurityException readOnly) {
            return null;
        }
    }

    private static Map<String, TorchPickle.Tensor> readPickle(Shard shard) {
        ZipEntries.Entry pkl = shard.entries.get(shard.prefix + "data.pkl");
        try {
            if (pkl.size() > Integer.MAX_VALUE) throw new IOException("data.pkl is larger than 2 GiB");
            ByteBuffer b = ZipEntries.readAt(shard.channel, pkl.dataOffset(), (int) pkl.size());
            checkByteOrder(shard);
            return TorchPickle.tensors(b.array());
        } catch (IOException e) {
            throw new BadInputException(shard.file + ": " + e.getMessage(), e);
        }
    }

    private static void checkByteOrder(Shard shard) throws IOException {
        ZipEntries.Entry bo = shard.entries.get(shard.prefix + "byteorder");
        if (bo == null) return; // older torch wrote no byteorder record: always little-endian
        String order = StandardCharsets.US_ASCII.decode(ZipEntries.readAt(shard.channel, bo.dataOffset(), (int) bo.size())).toString();
        if (!order.equals("little")) throw new IOException("byteorder is '" + order + "', only little-endian is supported");
    }

    private static Located locate(String name, TorchPickle.Tensor t, Shard shard) {
        TorchPickle.Storage s = t.storage();
        ZipEntries.Entry data = shard.entries.get(shard.prefix + "data/" + s.key());
        if (data == null) {
            throw new BadInputException(shard.file + ": tensor " + name + ": storage entry " + shard.prefix + "data/" + s.key() + " is missing");
        }
        long elem = elementSize(s.dtype());
        if (data.size() < s.numel() * elem) {
            throw new BadInputException(shard.file + ": tensor " + name + ": storage " + s.key() + " has " + data.size()
                    + " bytes, expected " + s.numel() * elem);
        }
        long last = t.offset();
        for (int i = 0; i < t.shape().length; i++) {
            if (t.shape()[i] == 0) { last = -1; break; }
            last += (t.shape()[i] - 1) * t.stride()[i];
        }
        if (t.offset() < 0 || last >= s.numel()) {
            throw new BadInputException(shard.file + ": tensor " + name + ": view (offset " + t.offset() + ", shape "
                    + new Shape(t.shape()) + ") exceeds its storage of " + s.numel() + " elements");
        }
        return new Located(new TensorInfo(name, s.dtype(), t.shape().clone(), shard.file), t, shard);
    }

    @Override public Set<String> names() { return tensors.keySet(); }

    @Override
    public TensorInfo info(String name) {
        return get(name).info();
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType target) {
        Located l = get(name);
        if (target != DataType.FLOAT32 && target != DataType.FLOAT16) {
            throw new IllegalArgumentException("target must be FLOAT32 or FLOAT16, got " + target);
        }
        String dtype = l.info().dtype();
        Shape shape = new Shape(l.tensor().shape());
        ByteBuffer raw;
        try {
            raw = bytes(l);
        } catch (IOException e) {
            throw new BadInputException(l.shard().file() + ": tensor " + name + ": cannot map: " + e.getMessage(), e);
        }
        DataType stored;
        switch (dtype) {
            case "F32" -> stored = DataType.FLOAT32;
            case "F16" -> stored = DataType.FLOAT16;
            case "BF16" -> { raw = Bf16.widen(raw); stored = DataType.FLOAT32; }
            case "F64" -> { raw = Floats.f64ToF32(raw); stored = DataType.FLOAT32; }
            default -> throw new BadInputException(l.shard().file() + ": tensor " + name + " has dtype " + dtype
                    + "; only floating-point tensors (F32, F16, BF16, F64) can be loaded as weights");
        }
        NDArray a = manager.create(raw, shape, stored);
        if (stored == target) return a;
        NDArray converted = a.toType(target, false);
        a.close();
        return converted;
    }

    /** The tensor's bytes in row-major order: a mapped slice of the file, or a gathered copy for strided views. */
    private static ByteBuffer bytes(Located l) throws IOException {
        TorchPickle.Tensor t = l.tensor();
        int elem = elementSize(t.storage().dtype());
        long base = l.shard().entries().get(l.shard().prefix() + "data/" + t.storage().key()).dataOffset();
        long n = t.numel();
        if (n == 0) return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
        if (t.contiguous()) {
            ByteBuffer mapped = map(l.shard().channel(), base + t.offset() * elem, n * elem, l.shard().cow());
            return l.shard().cow() ? mapped : ByteBuffer.allocateDirect(mapped.capacity()).order(ByteOrder.LITTLE_ENDIAN).put(mapped).flip();
        }
        long span = 1;
        for (int i = 0; i < t.shape().length; i++) span += (t.shape()[i] - 1) * t.stride()[i];
        ByteBuffer src = map(l.shard().channel(), base + t.offset() * elem, span * elem, false);
        ByteBuffer dst = ByteBuffer.allocateDirect(Math.toIntExact(n * elem)).order(ByteOrder.LITTLE_ENDIAN);
        long[] idx = new long[t.shape().length];
        byte[] one = new byte[elem];
        for (long k = 0; k < n; k++) {
            long off = 0;
            for (int i = 0; i < idx.length; i++) off += idx[i] * t.stride()[i];
            src.get(Math.toIntExact(off * elem), one);
            dst.put(one);
            for (int i = idx.length - 1; i >= 0 && ++idx[i] == t.shape()[i]; i--) idx[i] = 0;
        }
        return dst.flip();
    }

    /**
     * A PRIVATE (copy-on-write) mapping where the file could be opened for writing: DJL wraps the
     * memory without copying, and an in-place op on the weight then touches private pages instead of
     * crashing the JVM on a read-only page. Otherwise a read-only mapping that the caller copies.
     */
    private static ByteBuffer map(FileChannel ch, long pos, long len, boolean cow) throws IOException {
        if (len > Integer.MAX_VALUE) throw new IOException("tensor of " + len + " bytes exceeds the 2 GiB mapping limit");
        return ch.map(cow ? FileChannel.MapMode.PRIVATE : FileChannel.MapMode.READ_ONLY, pos, len).order(ByteOrder.LITTLE_ENDIAN);
    }

    static int elementSize(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            default -> 1;
        };
    }

    private Located get(String name) {
        Located l = tensors.get(name);
        if (l == null) {
            String where = shards.size() == 1 ? shards.get(0).file().toString()
                    : shards.get(0).file().resolveSibling(INDEX).toString();
            throw new BadInputException(where + ": no tensor named " + name);
        }
        return l;
    }

    @Override
    public void close() {
        shards.forEach(TorchBinStore::closeQuietly);
    }

    private static void closeQuietly(Shard s) { closeQuietly(s.channel()); }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) ch.close();
        } catch (IOException ignored) {
            // read-only channel: nothing to flush
        }
    }
}
