package org.elusive.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.elusive.core.BadInputException;

/**
 * The one tensor source under both weight formats: the formats ({@link SafetensorsStore},
 * {@link TorchBinStore}) only parse headers or pickles into {@link Stored} locations; reading is here.
 *
 * <p>A tensor is read straight into its destination: an uninitialised libtorch tensor of the compute
 * dtype whose memory DJL exposes as a direct buffer. Bytes that need no conversion are read into it
 * by the kernel (one copy, from the page cache); bf16/fp16/fp32/fp64 are converted chunk by chunk from
 * a small per-thread buffer. Files are read with positional reads rather than mapped: mapped pages
 * count in the process's resident memory until the mapping is garbage-collected, which Java 17 cannot
 * force, so a mapped 2.8B checkpoint would add its whole file size to peak RSS. The loaded weights are
 * plain libtorch memory: in-place ops on them are safe and never reach the file.
 */
public abstract class TensorFiles implements WeightStore {

    /**
     * Where a tensor's elements lie: {@code offset} is the absolute byte position of element 0 in
     * {@code info.file()}; {@code stride} (in elements) is null for a contiguous row-major tensor.
     * Parsers guarantee every element lies inside the file before a Stored is made.
     */
    record Stored(TensorInfo info, long offset, long[] stride) {
        long numel() {
            long n = 1;
            for (long d : info.shape()) n *= d;
            return n;
        }
    }

    /** Per-thread staging for converted reads; 4 MiB keeps syscalls few and the buffer in cache. */
    private static final int STAGING = 4 << 20;
    private static final ThreadLocal<ByteBuffer> STAGE = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(STAGING).order(ByteOrder.LITTLE_ENDIAN));

    private final Map<String, Stored> tensors = new LinkedHashMap<>();
    private final Map<Path, FileChannel> channels = new LinkedHashMap<>();
    /** What "not found" names: the single weight file or the index. */
    private final Path where;

    protected TensorFiles(Path where) { this.where = where; }

    /** Opens {@code file} for reading (once per store); a missing file is bad input. */
    protected final FileChannel channel(Path file) {
        FileChannel ch = channels.get(file);
        if (ch != null) return ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": weight file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot open: " + e.getMessage(), e);
        }
        channels.put(file, ch);
        return ch;
    }

    protected final void add(Stored s) { tensors.put(s.info().name(), s); }

    protected final boolean contains(String name) { return tensors.containsKey(name); }

    @Override public final Set<String> names() { return Collections.unmodifiableSet(tensors.keySet()); }

    @Override public final TensorInfo info(String name) { return stored(name).info(); }

    final Stored stored(String name) {
        Stored s = tensors.get(name);
        if (s == null) throw new BadInputException(where + ": tensor '" + name + "' not found in the weights");
        return s;
    }

    @Override public final NDArray load(String name, NDManager manager, DataType target) {
        return TensorLoads.one(this, name, manager, target);
    }

    @Override public final Map<String, NDArray> loadAll(Collection<String> names, NDManager manager, DataType target) {
        return TensorLoads.all(this, names, manager, target);
    }

    /** A contiguous CPU tensor of {@code target}, uninitialised, that the read fills: the weight itself on CPU. */
    final NDArray read(String name, NDManager cpu, DataType target) {
        Stored s = stored(name);
        if (target != DataType.FLOAT32 && target != DataType.FLOAT16) {
            throw new IllegalArgumentException("target dtype must be FLOAT32 or FLOAT16, not " + target);
        }
        String dtype = s.info().dtype();
        if (!Floats.isFloat(dtype)) {
            throw new BadInputException(s.info().file() + ": tensor '" + name + "' has dtype " + dtype
                    + "; only floating-point tensors (F32, F16, BF16, F64) can be loaded as weights");
        }
        NDArray out = cpu.create(new Shape(s.info().shape()), target);
        try {
            if (s.numel() > 0) fill(s, memoryOf(out), target);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * The tensor's own memory: DJL hands a contiguous CPU tensor's storage out as a direct buffer over it
     * ({@code torchDirectByteBuffer}); anything else would be a copy, and filling a copy would load zeros.
     */
    private static ByteBuffer memoryOf(NDArray a) {
        ByteBuffer b = a.toByteBuffer(true);
        if (!b.isDirect()) throw new IllegalStateException("DJL returned a copy, not the memory, of a new CPU tensor");
        return b.order(ByteOrder.nativeOrder());
    }

    /** Bytes that need no conversion go straight into {@code dst}; the others pass through the staging buffer. */
    private void fill(Stored s, ByteBuffer dst, DataType target) {
        String dtype = s.info().dtype();
        int width = Floats.width(dtype);
        if (s.stride() != null) {
            Floats.convert(dtype, Strided.gather(this, s, width), target, dst);
        } else if (Floats.sameBits(dtype, target)) {
            readFully(s, s.offset(), dst);
        } else {
            ByteBuffer stage = STAGE.get();
            long pos = s.offset(), end = s.offset() + s.numel() * width;
            int step = STAGING / width * width;
            while (pos < end) {
                stage.clear().limit((int) Math.min(step, end - pos));
                readFully(s, pos, stage);
                pos += stage.flip().remaining();
                Floats.convert(dtype, stage, target, dst);
            }
        }
    }

    /** Fills {@code dst} from byte {@code pos} of the tensor's file (positional reads: safe from many threads). */
    final void readFully(Stored s, long pos, ByteBuffer dst) {
        FileChannel ch = channels.get(s.info().file());
        try {
            while (dst.hasRemaining()) {
                int n = ch.read(dst, pos);
                if (n < 0) {
                    throw new BadInputException(s.info().file() + ": tensor '" + s.info().name()
                            + "': file ends at byte " + pos + " (truncated while loading?)");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(s.info().file() + ": cannot read tensor '" + s.info().name() + "'", e);
        }
    }

    @Override public final void close() {
        IOException first = null;
        for (FileChannel ch : channels.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        channels.clear();
        if (first != null) throw new UncheckedIOException(first);
    }
}
