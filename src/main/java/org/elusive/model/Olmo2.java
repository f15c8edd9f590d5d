package org.elusive.model;

import ai.djl.ndarray.NDManager;
import org.elusive.model.Layers.NormKind;

/** Olmo2ForCausalLM: RMSNorm after attention and MLP (not before), RMS QK-norm over the whole projections. */
public final class Olmo2 {
    private Olmo2() {}

    public static final String ARCHITECTURE = "Olmo2ForCausalLM";

    public static Transformer build(HfConfig c, Params p, NDManager m) {
        return Llama.decoder(c, p, m, new Llama.Flavor(NormKind.RMS, (float) c.number("rms_norm_eps", 1e-6), true, true, null));
    }
}
