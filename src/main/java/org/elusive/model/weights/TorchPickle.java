package org.elusive.model.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the {@code data.pkl} of a torch.save archive into tensor descriptors, with a real pickle
 * machine (Pyrolite) and constructors for the few torch globals a state dict uses. No tensor data is
 * touched here: storages stay references (key + dtype) into the zip's {@code data/<key>} entries.
 */
final class TorchPickle {

    /** A storage named by a persistent id: {@code ('storage', torch.XStorage, key, location, numel)}. */
    record Storage(String key, String dtype, long numel) {}

    /** What {@code torch._utils._rebuild_tensor_v2} describes: a strided view of a storage. */
    record Tensor(Storage storage, long offset, long[] shape, long[] stride) {
        long numel() {
            long n = 1;
            for (long s : shape) n *= s;
            return n;
        }

        boolean contiguous() {
            long expected = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                if (shape[i] != 1 && stride[i] != expected) return false;
                expected *= shape[i];
            }
            return true;
        }
    }

    /** collections.OrderedDict; BUILD (the state dict's {@code _metadata}) is accepted and dropped. */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        public void __setstate__(HashMap<?, ?> state) { /* module versions: not needed for inference */ }
    }

    /** The type object of a storage class, e.g. torch.HalfStorage; only used as a dtype tag. */
    record StorageType(String dtype) implements IObjectConstructor {
        @Override public Object construct(Object[] args) {
            throw new PickleException("storage classes are not constructed in a state dict");
        }
    }

    private static final Map<String, String> STORAGE_DTYPES = Map.of(
            "FloatStorage", "F32", "HalfStorage", "F16", "BFloat16Storage", "BF16", "DoubleStorage", "F64",
            "LongStorage", "I64", "IntStorage", "I32", "ShortStorage", "I16", "CharStorage", "I8",
            "ByteStorage", "U8", "BoolStorage", "BOOL");

    /** The only globals a state dict may name; anything else (os.system, eval, ...) is refused before it is looked up. */
    private static final Set<String> ALLOWED = new HashSet<>();

    static {
        STORAGE_DTYPES.forEach((cls, dtype) -> allow("torch", cls, new StorageType(dtype)));
        allow("torch", "UntypedStorage", new StorageType("U8"));
        allow("collections", "OrderedDict", args -> new OrderedDict());
        allow("torch._utils", "_rebuild_tensor_v2", TorchPickle::rebuildTensor);
        allow("torch._utils", "_rebuild_tensor", TorchPickle::rebuildTensor);
        allow("torch._utils", "_rebuild_parameter", args -> args[0]);
        allow("torch._utils", "_rebuild_parameter_with_state", args -> args[0]);
        // plain data that Pyrolite builds itself: bytes (protocol 2 pickles them through _codecs.encode), sets
        ALLOWED.addAll(Set.of("_codecs.encode", "__builtin__.bytes", "__builtin__.bytearray", "builtins.bytearray",
                "__builtin__.set", "builtins.set"));
    }

    private static void allow(String module, String name, IObjectConstructor constructor) {
        Unpickler.registerConstructor(module, name, constructor);
        ALLOWED.add(module + "." + name);
    }

    /** A pickle we will not run: its message is the whole story (what it references, and that nothing was loaded). */
    static final class Refused extends PickleException {
        Refused(String message) { super(message); }
    }

    private TorchPickle() {}

    /** The top-level dict of the pickle: every value that is a tensor, keyed by its name, in file order. */
    static Map<String, Tensor> tensors(byte[] pickle) throws IOException {
        Object root;
        Unpickler u = new StorageUnpickler();
        try {
            root = u.load(new ByteArrayInputStream(pickle));
        } catch (Refused e) {
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) { // Pyrolite signals malformed input with assorted runtime exceptions
            throw new IOException("cannot unpickle data.pkl: " + e.getMessage(), e);
        } finally {
            u.close();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException("data.pkl holds a " + (root == null ? "None" : root.getClass().getSimpleName())
                    + ", expected a dict of tensors (a state dict)");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Tensor t) out.put(String.valueOf(k), t);
        });
        return out;
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof Storage s)) {
            throw new PickleException("_rebuild_tensor: expected (storage, offset, size, stride, ...)");
        }
        return new Tensor(s, toLong(args[1]), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] items = (Object[]) tuple;
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) out[i] = toLong(items[i]);
        return out;
    }

    private static long toLong(Object o) {
        if (o instanceof Number n) return n.longValue();
        throw new PickleException("expected an integer, got " + o);
    }

    /**
     * Pyrolite, guarded: every length a pickle declares is checked against the bytes that are left
     * before Pyrolite allocates it (an 18-byte file may declare a 2 GiB string), and every global is
     * checked against {@link #ALLOWED} before it is resolved. The input is always a byte array stream,
     * so peeking (mark/reset) and {@code available()} are exact.
     */
    private static final class StorageUnpickler extends Unpickler {
        @Override
        protected Object dispatch(short key) throws IOException {
            switch (key) {
                case 'T', 'X', 'B', 0x8b -> checkLength(4); // BINSTRING, BINUNICODE, BINBYTES, LONG4
                case 0x8d, 0x8e, 0x96 -> checkLength(8); // BINUNICODE8, BINBYTES8, BYTEARRAY8
                case 'c', 'i' -> checkGlobal(peekLines()); // GLOBAL, INST: "module\nname\n" inline
                case 0x93 -> { // STACK_GLOBAL: module and name are the two strings on top of the stack
                    Object name = stack.pop(), module = stack.pop();
                    stack.add(module);
                    stack.add(name);
                    checkGlobal(module + "." + name);
                }
                default -> { }
            }
            return super.dispatch(key);
        }

        private void checkLength(int bytes) throws IOException {
            input.mark(bytes);
            byte[] b = input.readNBytes(bytes);
            input.reset();
            if (b.length < bytes) return; // Pyrolite reports the truncation
            long n = 0;
            for (int i = bytes - 1; i >= 0; i--) n = n << 8 | (b[i] & 0xFF);
            if (bytes == 4) n = (int) n; // 4-byte lengths are signed
            long left = input.available() - bytes;
            if (n < 0 || n > left) {
                throw new PickleException("data.pkl declares a value of " + n + " bytes but only " + left
                        + " bytes follow: corrupt or crafted file");
            }
        }

        private String peekLines() throws IOException {
            input.mark(Integer.MAX_VALUE);
            StringBuilder sb = new StringBuilder();
            for (int c, lines = 0; lines < 2 && (c = input.read()) >= 0 && sb.length() < 1024; ) {
                if (c == '\n') lines++;
                sb.append(lines == 1 && c == '\n' ? '.' : (char) c);
            }
            input.reset();
            return sb.toString().strip();
        }

        private static void checkGlobal(String global) {
            if (!ALLOWED.contains(global)) {
                throw new Refused("data.pkl references " + global + ", which is not a tensor; the file was not loaded"
                        + " (a state dict holds only tensors, and nothing of the pickle was run)");
            }
        }


        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
                throw new PickleException("unsupported persistent id " + pid);
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new PickleException("unsupported storage class " + t[1] + " (expected torch.FloatStorage, "
                        + "HalfStorage, BFloat16Storage, ...)");
            }
            return new Storage(String.valueOf(t[2]), type.dtype(), toLong(t[4]));
        }
    }
}
