package org.elusive.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long t = ids.getShape().get(1);
            NDArray tokens = onDevice(ids);
            NDArray pos = positionIds == null
                    ? manager.arange(0, t, 1, DataType.INT64).expandDims(0).repeat(0, ids.getShape().get(0))
                    : onDevice(positionIds);
            NDArray x = embed(tokens, parts.embed());
            if (parts.posEmbed() != null) x = x.add(embed(pos, parts.posEmbed()));
            Attention.Context ctx = context(pos, attentionMask == null ? null : onDevice(attentionMask), t);
            for (Block block : parts.blocks()) {
                // free each layer's activations (attention scores above all) before the next layer runs
                NDArray next;
                try (NDScope layer = new NDScope()) {
                    layer.suppressNotUsedWarning();
                    next = block.apply(x, ctx);
                    NDScope.unregister(next);
                }
                NDScope.register(next);
                x.close();
                x = next;
            }
            out = Layers.norm(parts.finalNorm(), x);
            NDScope.unregister(out);
        }
        out.attach(ids.getManager());
        return out;
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

    private Attention.Context context(NDArray pos, NDArray mask, long t) {
        boolean fused = attention.fused();
        NDArray m = fused ? fusedMask(mask, t) : composedMask(mask, t);
        int rd = parts.rotaryDims();
        if (rd == 0) return new Attention.Context(null, null, 0, m, fused);
        NDArray freqs = pos.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq());
        NDArray emb = freqs.concat(freqs, -1).expandDims(1); // [b, 1, t, rd]
        DataType dt = dataType();
        return new Attention.Context(emb.cos().toType(dt, false), emb.sin().toType(dt, false), rd, m, fused);
    }

    /** [q, k]: key index <= query index. */
    private NDArray causal(long t) {
        NDArray rows = manager.arange(0, t, 1, DataType.INT64);
        return rows.reshape(1, t).lte(rows.reshape(t, 1));
    }

    /** [b, 1, 1, q, k] fp32, 0 or -1e9: broadcasts over (kv heads, group) and adds to the fp32 scores. */
    private NDArray composedMask(NDArray mask, long t) {
        NDArray causal = causal(t);
        NDArray allowed = mask == null ? causal.expandDims(0) : mask.toType(DataType.BOOLEAN, false).logicalAnd(causal);
        return allowed.toType(DataType.FLOAT32, false).sub(1f).mul(1e9f).expandDims(1).expandDims(1);
    }

    /**
     * Null for plain causal (is_causal: flash attention on CUDA). Otherwise [b, 1, q, k] additive in the
     * compute dtype, 0 or -inf, made once per forward rather than converted from boolean in every layer.
     * Every query may see itself: a row with no key at all (padding in a caller's mask) would turn to
     * NaN under -inf, and NaN values poison real rows even at probability 0 (0 x NaN). On CUDA the row
     * stride is padded to 16 elements, the alignment the memory-efficient kernel needs to take the mask
     * as it is rather than copy it in every layer.
     */
    private NDArray fusedMask(NDArray mask, long t) {
        if (mask == null) return null;
        NDArray self = manager.eye((int) t).toType(DataType.BOOLEAN, false);
        NDArray allowed = mask.toType(DataType.BOOLEAN, false).logicalAnd(causal(t)).logicalOr(self).expandDims(1);
        // log of 1 and 0 is exactly 0 and -inf, in any float dtype
        if (!device().isGpu() || t % 16 == 0) return allowed.toType(dataType(), false).log();
        long b = allowed.getShape().get(0), padded = (t + 15) / 16 * 16;
        NDArray wide = allowed.concat(manager.zeros(new Shape(b, 1, t, padded - t), DataType.BOOLEAN), -1);
        return wide.toType(dataType(), false).log().get(new NDIndex("..., :" + t));
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
