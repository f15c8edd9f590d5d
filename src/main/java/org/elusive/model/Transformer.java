package org.elusive.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.elusive.model.Layers.Norm;

/**
 * The decoder stack every architecture shares: token (and learned position) embeddings, blocks, final
 * norm, vocabulary head. Every call's intermediates live in an {@link NDScope} and are closed on return
 * (each layer's as soon as the layer is done); results are attached to the manager of the caller's input.
 */
public final class Transformer implements CausalLM {

    /** The parts an architecture file assembles. {@code posEmbed} is null with rotary, {@code rotaryDims} 0 without. */
    public record Parts(NDArray embed, NDArray posEmbed, List<Block> blocks, Norm finalNorm, NDArray head,
            int rotaryDims, float ropeTheta) {}

    private final ModelConfig config;
    private final NDManager manager;
    private final boolean ownsManager;
    private final Map<String, NDArray> parameters;
    private final Parts parts;
    private NDArray invFreq;
    private volatile AttentionPath attention = AttentionPath.SDPA;

    public Transformer(ModelConfig config, NDManager manager, boolean ownsManager, Map<String, NDArray> parameters,
            Parts parts) {
        this.config = config;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.parts = parts;
    }

    @Override public ModelConfig config() { return config; }

    @Override public NDManager manager() { return manager; }

    /** The weights by their HF tensor names (what a safetensors checkpoint of this model holds). */
    public Map<String, NDArray> parameters() { return parameters; }

    public DataType dataType() { return parts.embed().getDataType(); }

    public Device device() { return parts.embed().getDevice(); }

    /** The attention later forwards use; SDPA until set (a runtime choice, like a thread count). */
    public void attention(AttentionPath path) { attention = path; }

    public AttentionPath attention() { return attention; }

    @Override public NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask) {
        return hidden(ids, positionIds, attentionMask, null);
    }

    @Override public NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix) {
        return hiddenAt(ids, positionIds, attentionMask, prefix, null);
    }

    /** The last layer queries and projects only the selected positions (a null {@code select}: all of them). */
    @Override public NDArray hiddenAt(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix,
            NDArray select) {
        if (prefix != null && positionIds == null) throw new IllegalArgumentException("rows after a prefix need their position ids");
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = stack(ids, positionIds, attentionMask, prefix, null, select == null ? null : onDevice(select));
            out = Layers.norm(parts.finalNorm(), x);
            NDScope.unregister(out);
        }
        out.attach(ids.getManager());
        return out;
    }

    @Override public PrefixCache prefill(NDArray ids) {
        if (ids.getShape().get(0) != 1) throw new IllegalArgumentException("a prefix is one sequence: " + ids.getShape());
        List<NDArray> keys = new ArrayList<>(), values = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // only the keys and values are kept: the last layer queries one position, not P
            NDArray oneQuery = manager.create(new long[][] {{ids.getShape().get(1) - 1}});
            stack(ids, null, null, null, kv -> {
                // compact copies: a value is a view into the layer's fused qkv, which would stay alive with it
                NDArray k = kv.keys().duplicate(), v = kv.values().duplicate();
                NDScope.unregister(k, v);
                keys.add(k);
                values.add(v);
            }, oneQuery);
        }
        for (NDArray a : keys) a.attach(ids.getManager());
        for (NDArray a : values) a.attach(ids.getManager());
        return new PrefixCache(keys, values, (int) ids.getShape().get(1));
    }

    /**
     * Embeddings and every block, each layer's intermediates freed as it ends; {@code keep} sees each
     * layer's keys and values; the last layer runs at {@code select} only, if given.
     */
    private NDArray stack(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix,
            Consumer<Attention.Kv> keep, NDArray select) {
        long t = ids.getShape().get(1);
        NDArray tokens = onDevice(ids);
        NDArray pos = positionIds == null
                ? manager.arange(0, t, 1, DataType.INT64).expandDims(0).repeat(0, ids.getShape().get(0))
                : onDevice(positionIds);
        NDArray x = embed(tokens, parts.embed());
        if (parts.posEmbed() != null) x = x.add(embed(pos, parts.posEmbed()));
        long past = prefix == null ? 0 : prefix.length();
        Attention.Context ctx = context(pos, attentionMask == null ? null : onDevice(attentionMask), t, past);
        int last = parts.blocks().size() - 1;
        for (int i = 0; i <= last; i++) {
            Attention.Kv mine = prefix == null ? null : new Attention.Kv(prefix.keys().get(i), prefix.values().get(i));
            Attention.Context here = ctx.layer(mine, keep);
            if (i == last && select != null) here = here.at(select, selectedMask(ctx, t, select));
            // free each layer's activations (attention scores above all) before the next layer runs
            NDArray next;
            try (NDScope layer = new NDScope()) {
                layer.suppressNotUsedWarning();
                next = parts.blocks().get(i).apply(x, here);
                NDScope.unregister(next);
            }
            NDScope.register(next);
            x.close();
            x = next;
        }
        return x;
    }

    @Override public NDArray logSoftmax(NDArray hiddenRows) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = ai.djl.nn.core.Linear.linear(onDevice(hiddenRows), parts.head()).singletonOrThrow();
            out = logits.toType(DataType.FLOAT32, false).logSoftmax(-1);
            NDScope.unregister(out);
        }
        out.attach(hiddenRows.getManager());
        return out;
    }

    private NDArray onDevice(NDArray a) {
        return a.getDevice().equals(device()) ? a : a.toDevice(device(), true);
    }

    private static NDArray embed(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** The per-call context; with a prefix of {@code past} tokens, its keys come first and every row token sees all of them. */
    private Attention.Context context(NDArray pos, NDArray mask, long t, long past) {
        boolean fused = attention.fused();
        // rows after a prefix attend to it apart from their own keys where the kernel gives log-sum-exps: CPU
        boolean split = fused && past > 0 && !device().isGpu();
        NDArray m = split ? fusedMask(mask, t, 0) : fused ? fusedMask(mask, t, past) : composedMask(mask, t, past);
        int rd = parts.rotaryDims();
        if (rd == 0) return new Attention.Context(null, null, 0, m, fused, split, null, null, null);
        NDArray freqs = pos.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq());
        NDArray emb = freqs.concat(freqs, -1).expandDims(1); // [b, 1, t, rd]
        DataType dt = dataType();
        return new Attention.Context(emb.cos().toType(dt, false), emb.sin().toType(dt, false), rd, m, fused, split, null, null, null);
    }

    /** [q, k]: key index <= query index. */
    private NDArray causal(long t) {
        NDArray rows = manager.arange(0, t, 1, DataType.INT64);
        return rows.reshape(1, t).lte(rows.reshape(t, 1));
    }

    /** [b or 1, q, k] boolean: the caller's mask, if any, and-ed with causal. */
    private NDArray within(NDArray mask, long t) {
        return mask == null ? causal(t).expandDims(0) : mask.toType(DataType.BOOLEAN, false).logicalAnd(causal(t));
    }

    /** {@code past} columns all true ahead of {@code allowed}'s keys: a prefix precedes every row token. */
    private NDArray behindPrefix(NDArray allowed, long past) {
        if (past == 0) return allowed;
        Shape s = allowed.getShape();
        return manager.ones(new Shape(s.get(0), s.get(1), past), DataType.BOOLEAN).concat(allowed, -1);
    }

    /** [b, 1, 1, q, k] fp32, 0 or -1e9: broadcasts over (kv heads, group) and adds to the fp32 scores. */
    private NDArray composedMask(NDArray mask, long t, long past) {
        NDArray allowed = behindPrefix(within(mask, t), past);
        return allowed.toType(DataType.FLOAT32, false).sub(1f).mul(1e9f).expandDims(1).expandDims(1);
    }

    /**
     * Null for plain causal (is_causal: flash attention on CUDA). Otherwise [b, 1, q, k] additive in the
     * compute dtype, 0 or -inf, made once per forward rather than converted from boolean in every layer.
     * Every query may see itself: a row with no key at all (padding in a caller's mask) would turn to
     * NaN under -inf, and NaN values poison real rows even at probability 0 (0 x NaN). On CUDA the row
     * stride is padded to 16 elements, the alignment the memory-efficient kernel needs to take the mask
     * as it is rather than copy it in every layer. With a prefix the mask is explicit: is_causal aligns
     * its triangle top-left, which would hide the row's own keys behind the prefix's.
     */
    private NDArray fusedMask(NDArray mask, long t, long past) {
        if (mask == null && past == 0) return null;
        return additive(mask, t, past);
    }

    /**
     * The rows of this call's mask at the selected query positions, never null (is_causal cannot say
     * which positions the queries sit at): [b, 1, s, k] fused (k the row's keys alone when the prefix
     * runs apart), [b, 1, 1, s, k] composed.
     */
    private NDArray selectedMask(Attention.Context ctx, long t, NDArray select) {
        if (!ctx.fused()) return Layers.take(ctx.mask(), 3, select);
        // a null fused mask is plain causal over the row's own keys
        return Layers.take(ctx.mask() != null ? ctx.mask() : additive(null, t, 0), 2, select);
    }

    /** {@link #fusedMask}'s explicit form. */
    private NDArray additive(NDArray mask, long t, long past) {
        NDArray self = manager.eye((int) t).toType(DataType.BOOLEAN, false);
        NDArray allowed = behindPrefix(within(mask, t).logicalOr(self), past).expandDims(1);
        long s = t + past;
        if (!device().isGpu() || s % 16 == 0) return zeroOrMinusInf(allowed);
        long b = allowed.getShape().get(0), padded = (s + 15) / 16 * 16;
        NDArray wide = allowed.concat(manager.zeros(new Shape(b, 1, t, padded - s), DataType.BOOLEAN), -1);
        return zeroOrMinusInf(wide).get(new NDIndex("..., :" + s));
    }

    /** 0 where allowed, −inf elsewhere, in the compute dtype (a select: log of 0 took ~20 ns an element on CPU). */
    private NDArray zeroOrMinusInf(NDArray allowed) {
        Shape shape = allowed.getShape();
        return NDArrays.where(allowed, manager.zeros(shape, dataType()), manager.full(shape, Float.NEGATIVE_INFINITY, dataType()));
    }

    private synchronized NDArray invFreq() {
        if (invFreq == null) {
            int rd = parts.rotaryDims();
            float[] f = new float[rd / 2];
            // as transformers: base ** (arange(0, rd, 2).float() / rd) in fp32, then a fp32 reciprocal
            for (int i = 0; i < f.length; i++) f[i] = 1f / (float) Math.pow(parts.ropeTheta(), (float) (2 * i) / rd);
            NDArray a = manager.create(f);
            NDScope.unregister(a);
            invFreq = a;
        }
        return invFreq;
    }

    @Override public void close() {
        if (invFreq != null) invFreq.close();
        if (ownsManager) manager.close();
    }
}
