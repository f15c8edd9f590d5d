package org.elusive.model;

import ai.djl.ndarray.NDManager;
import org.elusive.model.Layers.NormKind;

/** OlmoForCausalLM (OLMo-1 "-hf" checkpoints): Llama's layout with non-parametric LayerNorm and clip_qkv. */
public final class Olmo {
    private Olmo() {}

    public static final String ARCHITECTURE = "OlmoForCausalLM";

    public static Transformer build(HfConfig c, Params p, NDManager m) {
        double clip = c.number("clip_qkv", Double.NaN);
        return Llama.decoder(c, p, m, new Llama.Flavor(NormKind.LAYER_NO_PARAMS, 1e-5f, false, false,
                Double.isNaN(clip) ? null : (float) clip));
    }
}
