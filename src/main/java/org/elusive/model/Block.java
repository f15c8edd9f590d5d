package org.elusive.model;

import ai.djl.ndarray.NDArray;
import org.elusive.model.Layers.Mlp;
import org.elusive.model.Layers.Norm;

/**
 * One decoder layer. Pre-norm (GPT-NeoX, GPT-2, Llama, OLMo-1: {@code attnIn}/{@code mlpIn}), post-norm
 * (OLMo-2: {@code attnOut}/{@code mlpOut} applied to the branch output before the residual add), or
 * GPT-NeoX's parallel residual x + attn(ln1 x) + mlp(ln2 x). Absent norms are null.
 */
public record Block(Norm attnIn, Attention attention, Norm attnOut, Norm mlpIn, Mlp mlp, Norm mlpOut,
        boolean parallelResidual) {

    /** [b, t, hidden], or [b, s, hidden] at the context's selected positions (every step after the attention is per position). */
    public NDArray apply(NDArray x, Attention.Context ctx) {
        NDArray a = Layers.norm(attnOut, attention.apply(Layers.norm(attnIn, x), ctx));
        if (ctx.select() != null) x = Layers.take(x, 1, ctx.select());
        if (parallelResidual) {
            NDArray m = Layers.norm(mlpOut, mlp.apply(Layers.norm(mlpIn, x)));
            return m.add(a).add(x);
        }
        NDArray h = x.add(a);
        return h.add(Layers.norm(mlpOut, mlp.apply(Layers.norm(mlpIn, h))));
    }
}
