package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.Consumer;
import org.elusive.model.Layers.Linear;
import org.elusive.model.Layers.Norm;

/**
 * Causal self-attention with rotary embeddings (full or partial), grouped/multi-head keys, optional
 * clipping of q/k/v (OLMo-1) and optional RMS norms over the whole q and k projections (OLMo-2).
 *
 * @param fused  one projection producing q, k and v ({@code layout} says how), or null for q/k/v
 */
public record Attention(Linear fused, FusedLayout layout, Linear q, Linear k, Linear v, Linear out,
        Norm qNorm, Norm kNorm, int heads, int kvHeads, int headDim, Float clip) {

    /** Where q, k and v sit in a fused projection's output. */
    public enum FusedLayout {
        /** GPT-NeoX: [heads, 3, headDim]. */
        PER_HEAD,
        /** GPT-2: [3, heads, headDim]. */
        QKV_BLOCKS
    }

    /**
     * Per-call inputs of one layer: rotary tables and the mask in the form the chosen path takes, plus
     * the layer's side of a shared prefix.
     *
     * @param fused true: {@link Sdpa}, with {@code mask} [b, 1, q, k] additive in the compute dtype, or
     *              null for plain causal; false: the composed path, with {@code mask} [b, 1, 1, q, k] fp32 additive.
     *              With a {@code past}, k counts its keys first, then the row's, unless {@code split}
     * @param split with a {@code past}, fused: attention over the prefix and over the row's own keys runs
     *              apart and is joined ({@link Sdpa#attendAfter}); {@code mask} then covers the row's own
     *              keys only, [b, 1, q, q], or is null for causal
     * @param past  this layer's prefix keys and values [1, kv, P, d], read by every row, or null
     * @param keep  receives this layer's keys and values (a prefill), or null
     * @param select int64 [b, s]: only these positions of each row are queried (the last layer of a
     *              {@link CausalLM#hiddenAt} call; keys and values still come from every position), with
     *              {@code mask} already cut to their rows and never null; or null: every position
     */
    public record Context(NDArray cos, NDArray sin, int rotaryDims, NDArray mask, boolean fused, boolean split, Kv past,
            Consumer<Kv> keep, NDArray select) {

        /** The same call's inputs for one layer with its own prefix side. */
        Context layer(Kv past, Consumer<Kv> keep) { return new Context(cos, sin, rotaryDims, mask, fused, split, past, keep, select); }

        /** The same call queried at {@code select} only, under {@code selectedMask} (its rows of the mask). */
        Context at(NDArray select, NDArray selectedMask) {
            return new Context(cos, sin, rotaryDims, selectedMask, fused, split, past, keep, select);
        }
    }

    /** One layer's keys and values, [b, kv, t, d], keys after rotary. */
    public record Kv(NDArray keys, NDArray values) {}

    public NDArray apply(NDArray x, Context ctx) {
        long b = x.getShape().get(0), t = x.getShape().get(1);
        NDArray qh, kh, vh; // [b, t, heads, d]
        if (fused != null) {
            NDArray qkv = fused.apply(x);
            if (layout == FusedLayout.PER_HEAD) {
                qkv = qkv.reshape(b, t, heads, 3, headDim);
                qh = qkv.get(new NDIndex(":, :, :, 0"));
                kh = qkv.get(new NDIndex(":, :, :, 1"));
                vh = qkv.get(new NDIndex(":, :, :, 2"));
            } else {
                qkv = qkv.reshape(b, t, 3, heads, headDim);
                qh = qkv.get(new NDIndex(":, :, 0"));
                kh = qkv.get(new NDIndex(":, :, 1"));
                vh = qkv.get(new NDIndex(":, :, 2"));
            }
        } else {
            NDArray qp = q.apply(x), kp = k.apply(x), vp = v.apply(x);
            if (clip != null) {
                qp = qp.clip(-clip, clip);
                kp = kp.clip(-clip, clip);
                vp = vp.clip(-clip, clip);
            }
            if (qNorm != null) qp = qNorm.apply(qp);
            if (kNorm != null) kp = kNorm.apply(kp);
            qh = qp.reshape(b, t, heads, headDim);
            kh = kp.reshape(b, t, kvHeads, headDim);
            vh = vp.reshape(b, t, kvHeads, headDim);
        }
        NDArray qs = rotate(qh.transpose(0, 2, 1, 3), ctx); // [b, h, t, d]
        if (ctx.select() != null) qs = Layers.take(qs, 2, ctx.select()); // [b, h, s, d]
        NDArray ks = rotate(kh.transpose(0, 2, 1, 3), ctx); // [b, kv, t, d]
        NDArray vs = vh.transpose(0, 2, 1, 3);
        if (ctx.keep() != null) ctx.keep().accept(new Kv(ks, vs));
        NDArray ctxv;
        if (ctx.past() != null && ctx.split()) {
            ctxv = Sdpa.attendAfter(qs, ctx.past().keys(), ctx.past().values(), ks, vs, ctx.mask());
        } else {
            if (ctx.past() != null) {
                ks = afterPast(ctx.past().keys(), ks);
                vs = afterPast(ctx.past().values(), vs);
            }
            ctxv = ctx.fused() ? Sdpa.attend(qs, ks, vs, ctx.mask()) : composed(qs, ks, vs, ctx.mask());
        }
        return out.apply(ctxv.transpose(0, 2, 1, 3).reshape(b, qs.getShape().get(2), (long) heads * headDim));
    }

    /** The prefix's [1, kv, P, d] ahead of every row's [b, kv, t, d]: [b, kv, P + t, d]. */
    private static NDArray afterPast(NDArray past, NDArray row) {
        Shape s = past.getShape();
        return past.broadcast(row.getShape().get(0), s.get(1), s.get(2), s.get(3)).concat(row, 2);
    }

    /**
     * The reference: explicit matmul, fp32 additive mask, fp32 softmax. Grouped heads by broadcasting
     * [b, kv, rep, t, d] against [b, kv, 1, t, d], so k and v are not copied. Returns [b, h, t, d].
     */
    private NDArray composed(NDArray qs, NDArray ks, NDArray vs, NDArray additiveMask) {
        long b = qs.getShape().get(0), t = qs.getShape().get(2), s = ks.getShape().get(2);
        int rep = heads / kvHeads;
        NDArray q5 = qs.reshape(b, kvHeads, rep, t, headDim).mul(Scalars.of(qs, (float) (1.0 / Math.sqrt(headDim))));
        NDArray k5 = ks.reshape(b, kvHeads, 1, s, headDim);
        NDArray v5 = vs.reshape(b, kvHeads, 1, s, headDim);
        // in place: the [b, h, t, t] fp32 scores are the largest activation of the whole forward
        NDArray scores = q5.matMul(k5.transpose(0, 1, 2, 4, 3)).toType(DataType.FLOAT32, false).addi(additiveMask);
        NDArray probs = scores.softmax(-1).toType(qs.getDataType(), false);
        return probs.matMul(v5).reshape(b, heads, t, headDim);
    }

    /** NeoX/Llama rotate-half rotary on the first {@code rotaryDims} of each head; the rest passes through. */
    static NDArray rotate(NDArray x, Context ctx) {
        int rd = ctx.rotaryDims();
        if (rd == 0) return x;
        long d = x.getShape().get(3);
        NDArray rot = rd == d ? x : x.get(new NDIndex("..., :" + rd));
        NDArray x1 = rot.get(new NDIndex("..., :" + rd / 2));
        NDArray x2 = rot.get(new NDIndex("..., " + rd / 2 + ":"));
        NDArray rotated = rot.mul(ctx.cos()).add(x2.neg().concat(x1, -1).mul(ctx.sin()));
        return rd == d ? rotated : rotated.concat(x.get(new NDIndex("..., " + rd + ":")), -1);
    }

}
