package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.elusive.model.Layers.Linear;
import org.elusive.model.Layers.Mlp;
import org.elusive.model.Layers.Norm;
import org.elusive.model.Layers.NormKind;

/**
 * LlamaForCausalLM (LLM360 Amber): RMSNorm, SwiGLU, rotary, grouped-query attention. The OLMo files reuse
 * {@link #decoder} with their own norms ({@link Flavor}) since the tensor names are the same.
 */
public final class Llama {
    private Llama() {}

    public static final String ARCHITECTURE = "LlamaForCausalLM";

    /** What differs between Llama, OLMo-1 and OLMo-2 decoders. */
    record Flavor(NormKind norm, float eps, boolean postNorm, boolean qkNorm, Float clip) {}

    public static Transformer build(HfConfig c, Params p, NDManager m) {
        return decoder(c, p, m, new Flavor(NormKind.RMS, (float) c.number("rms_norm_eps", 1e-6), false, false, null));
    }

    static Transformer decoder(HfConfig c, Params p, NDManager m, Flavor f) {
        c.requirePlainRope();
        int h = c.size("hidden_size"), layers = c.size("num_hidden_layers");
        // an explicit head_dim frees heads from dividing the width; without it, each head gets h / heads
        int heads = c.has("head_dim") ? c.size("num_attention_heads") : c.heads("num_attention_heads", h, "hidden_size");
        int headDim = c.size("head_dim", h / heads);
        int kvHeads = c.has("num_key_value_heads") ? c.heads("num_key_value_heads", heads, "num_attention_heads") : heads;
        int ff = c.size("intermediate_size"), v = c.size("vocab_size");
        boolean attnBias = c.bool("attention_bias", false), mlpBias = c.bool("mlp_bias", false);
        Layers.Act act = Layers.act(c.string("hidden_act", "silu"), c.file() + " hidden_act");
        long q = (long) heads * headDim, kv = (long) kvHeads * headDim;
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String l = "model.layers." + i + ".";
            String a = l + "self_attn.";
            Attention attn = new Attention(null, null, linear(p, a + "q_proj", q, h, attnBias),
                    linear(p, a + "k_proj", kv, h, attnBias), linear(p, a + "v_proj", kv, h, attnBias),
                    linear(p, a + "o_proj", h, q, attnBias),
                    f.qkNorm() ? norm(p, f, a + "q_norm", q) : null, f.qkNorm() ? norm(p, f, a + "k_norm", kv) : null,
                    heads, kvHeads, headDim, f.clip());
            Mlp mlp = new Mlp(linear(p, l + "mlp.up_proj", ff, h, mlpBias), linear(p, l + "mlp.gate_proj", ff, h, mlpBias),
                    linear(p, l + "mlp.down_proj", h, ff, mlpBias), act);
            blocks.add(f.postNorm()
                    ? new Block(null, attn, norm(p, f, l + "post_attention_layernorm", h), null, mlp,
                            norm(p, f, l + "post_feedforward_layernorm", h), false)
                    : new Block(norm(p, f, l + "input_layernorm", h), attn, null,
                            norm(p, f, l + "post_attention_layernorm", h), mlp, null, false));
        }
        NDArray embed = p.get("model.embed_tokens.weight", v, h);
        NDArray head = c.bool("tie_word_embeddings", false) ? embed : p.get("lm_head.weight", v, h);
        var parts = new Transformer.Parts(embed, null, blocks, norm(p, f, "model.norm", h), head, headDim,
                (float) c.ropeTheta("rope_theta", 10000));
        ModelConfig mc = c.modelConfig(v, h, layers, heads, c.integer("max_position_embeddings", 2048));
        return new Transformer(mc, m, true, p.taken(), parts);
    }

    private static Linear linear(Params p, String name, long out, long in, boolean bias) {
        return GptNeoX.linear(p, name, out, in, bias);
    }

    private static Norm norm(Params p, Flavor f, String name, long dim) {
        NDArray w = f.norm() == NormKind.LAYER_NO_PARAMS ? null : p.get(name + ".weight", dim);
        return new Norm(f.norm(), w, null, f.eps());
    }
}
