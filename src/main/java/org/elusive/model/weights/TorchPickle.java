package org.elusive.model.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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

    static {
        STORAGE_DTYPES.forEach((cls, dtype) -> Unpickler.registerConstructor("torch", cls, new StorageType(dtype)));
        Unpickler.registerConstructor("torch", "UntypedStorage", new StorageType("U8"));
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new OrderedDict());
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchPickle::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", TorchPickle::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter_with_state", args -> args[0]);
    }

    private TorchPickle() {}

    /** The top-level dict of the pickle: every value that is a tensor, keyed by its name, in file order. */
    static Map<String, Tensor> tensors(byte[] pickle) throws IOException {
        Object root;
        Unpickler u = new StorageUnpickler();
        try {
            root = u.load(new ByteArrayInputStream(pickle));
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

    private static final class StorageUnpickler extends Unpickler {
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
