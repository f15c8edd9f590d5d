package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.elusive.core.BadInputException;
import org.elusive.model.weights.TensorInfo;
import org.elusive.model.weights.WeightStore;

/**
 * Where an architecture file gets its tensors: a checkpoint's weight store or an in-memory map (a model
 * being trained). Every tensor is checked against the shape config.json implies; what was taken is
 * remembered, by HF name, as the model's parameters.
 */
public abstract class Params {

    private final Map<String, NDArray> taken = new LinkedHashMap<>();

    public abstract boolean has(String name);

    protected abstract NDArray fetch(String name, long[] shape);

    /** The tensor {@code name}, which must have exactly {@code shape}. */
    public NDArray get(String name, long... shape) {
        NDArray a = taken.get(name);
        if (a == null) {
            a = fetch(name, shape);
            taken.put(name, a);
        }
        return a;
    }

    public Map<String, NDArray> taken() { return taken; }

    static String shape(long[] s) { return Arrays.toString(s); }

    /**
     * The tensors an architecture asks for, from a checkpoint, converted to {@code dtype} on the manager's
     * device. The builder is first run without tensors to list names and shapes, so every name and shape
     * is checked against the checkpoint before a byte is read; then all are read at once, in parallel
     * and in file order ({@link WeightStore#loadAll}).
     */
    public static Params load(WeightStore store, NDManager manager, DataType dtype, Path configFile, Consumer<Params> builder) {
        Map<String, long[]> wanted = shapes(builder, store.names()::contains);
        wanted.forEach((name, shape) -> {
            TensorInfo info = store.info(name);
            if (!Arrays.equals(info.shape(), shape)) {
                throw new BadInputException(info.file() + ": tensor '" + name + "' has shape " + shape(info.shape())
                        + " but " + configFile + " implies " + shape(shape));
            }
        });
        return of(store.loadAll(wanted.keySet(), manager, dtype));
    }

    /** Tensors already in memory (e.g. a model under training); they are used as they are, not copied. */
    public static Params of(Map<String, NDArray> tensors) {
        return new Params() {
            @Override public boolean has(String name) { return tensors.containsKey(name); }

            @Override protected NDArray fetch(String name, long[] shape) {
                NDArray a = tensors.get(name);
                if (a == null) throw new IllegalArgumentException("parameter '" + name + "' missing");
                if (!Arrays.equals(a.getShape().getShape(), shape)) {
                    throw new IllegalArgumentException("parameter '" + name + "' has shape " + a.getShape()
                            + ", expected " + shape(shape));
                }
                return a;
            }
        };
    }

    /** Runs an architecture's builder without tensors to list the names and shapes it asks for. */
    static Map<String, long[]> shapes(Consumer<Params> builder) { return shapes(builder, name -> false); }

    /** As {@link #shapes(Consumer)}, answering {@link #has} from {@code present} (the choices a checkpoint's names make). */
    private static Map<String, long[]> shapes(Consumer<Params> builder, Predicate<String> present) {
        Map<String, long[]> out = new LinkedHashMap<>();
        Params recorder = new Params() {
            @Override public boolean has(String name) { return present.test(name); }

            @Override protected NDArray fetch(String name, long[] shape) {
                out.put(name, shape);
                return null;
            }
        };
        builder.accept(recorder);
        return out;
    }
}
