package org.elusive.model.weights;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.elusive.core.BadInputException;

/**
 * PyTorch checkpoints written by {@code torch.save}: {@code pytorch_model.bin}, or shards
 * {@code pytorch_model-0000x-of-0000y.bin} listed in {@code pytorch_model.bin.index.json}.
 *
 * <p>Each file is a zip of STORED entries: {@code <prefix>/data.pkl} (the state dict, pickled, with
 * storages as persistent ids) and {@code <prefix>/data/<key>} (raw little-endian storage bytes). Only
 * the zip directory and the pickle are parsed here; each tensor becomes a location inside its storage
 * entry (a strided view where torch saved one), read by {@link TensorFiles}.
 */
public final class TorchBinStore extends TensorFiles {

    public static final String SINGLE = "pytorch_model.bin";
    public static final String INDEX = "pytorch_model.bin.index.json";

    private TorchBinStore(Path where) { super(where); }

    /** Opens {@code dir/pytorch_model.bin.index.json} (sharded) or else {@code dir/pytorch_model.bin}. */
    public static WeightStore open(Path dir) {
        Path index = dir.resolve(INDEX);
        boolean sharded = Files.exists(index);
        if (!sharded && !Files.exists(dir.resolve(SINGLE))) throw new BadInputException(dir + ": no " + SINGLE + " or " + INDEX);
        TorchBinStore store = new TorchBinStore(sharded ? index : dir.resolve(SINGLE));
        try {
            if (sharded) {
                ShardIndex shards = ShardIndex.read(index);
                for (Path file : shards.files()) store.readArchive(file, shards);
                shards.checkComplete(store::contains);
            } else {
                store.readArchive(dir.resolve(SINGLE), null);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Adds the archive's tensors (those the index puts in this file, when sharded). */
    private void readArchive(Path file, ShardIndex shards) {
        FileChannel ch = channel(file);
        try {
            long size = ch.size();
            if (size < 4 || ZipEntries.readAt(ch, 0, 4).getInt(0) != 0x04034b50) {
                throw new BadInputException(file + ": not a zip-format torch.save file (legacy pre-1.6 torch "
                        + "serialization, or not a checkpoint); re-save it with a current torch.save");
            }
            Map<String, ZipEntries.Entry> entries = ZipEntries.read(file, ch);
            String pkl = entries.keySet().stream().filter(n -> n.endsWith("data.pkl") && n.indexOf('/') == n.lastIndexOf('/'))
                    .findFirst().orElseThrow(() -> new BadInputException(file + ": no <prefix>/data.pkl entry in the zip"));
            String prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
            checkByteOrder(ch, entries.get(prefix + "byteorder"));
            ZipEntries.Entry pickle = entries.get(pkl);
            if (pickle.size() > Integer.MAX_VALUE) throw new IOException("data.pkl is larger than 2 GiB");
            byte[] bytes = ZipEntries.readAt(ch, pickle.dataOffset(), (int) pickle.size()).array();
            for (var t : TorchPickle.tensors(bytes).entrySet()) {
                if (shards == null || shards.maps(t.getKey(), file)) add(locate(file, t.getKey(), t.getValue(), entries, prefix));
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static void checkByteOrder(FileChannel ch, ZipEntries.Entry bo) throws IOException {
        if (bo == null) return; // older torch wrote no byteorder record: always little-endian
        if (bo.size() > 16) throw new IOException("byteorder record of " + bo.size() + " bytes");
        String order = StandardCharsets.US_ASCII.decode(ZipEntries.readAt(ch, bo.dataOffset(), (int) bo.size())).toString();
        if (!order.equals("little")) throw new IOException("byteorder is '" + order + "', only little-endian is supported");
    }

    private static Stored locate(Path file, String name, TorchPickle.Tensor t, Map<String, ZipEntries.Entry> entries, String prefix) {
        TorchPickle.Storage s = t.storage();
        ZipEntries.Entry data = entries.get(prefix + "data/" + s.key());
        if (data == null) {
            throw new BadInputException(file + ": tensor " + name + ": storage entry " + prefix + "data/" + s.key() + " is missing");
        }
        long elem = Math.max(1, Floats.width(s.dtype()));
        if (s.numel() < 0 || data.size() / elem < s.numel()) {
            throw new BadInputException(file + ": tensor " + name + ": storage " + s.key() + " has " + data.size()
                    + " bytes, expected " + s.numel() + " elements of " + elem);
        }
        // the last element's index, with every factor bounded by the storage first so nothing overflows
        long last = t.shape().length == t.stride().length ? t.offset() : Long.MAX_VALUE;
        for (int i = 0; i < t.shape().length && last < s.numel(); i++) {
            long dim = t.shape()[i], stride = t.stride()[i];
            if (dim == 0) { last = -1; break; }
            last = dim < 0 || stride < 0 || dim > s.numel() || stride > s.numel() ? Long.MAX_VALUE : last + (dim - 1) * stride;
        }
        if (t.offset() < 0 || last >= s.numel()) {
            throw new BadInputException(file + ": tensor " + name + ": view (offset " + t.offset() + ", shape "
                    + new Shape(t.shape()) + ") exceeds its storage of " + s.numel() + " elements");
        }
        TensorInfo info = new TensorInfo(name, s.dtype(), t.shape().clone(), file);
        return new Stored(info, data.dataOffset() + t.offset() * elem, t.contiguous() ? null : t.stride().clone());
    }
}
