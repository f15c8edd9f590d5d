package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.elusive.core.BadInputException;
import org.elusive.model.Attention.FusedLayout;
import org.elusive.model.Layers.Linear;
import org.elusive.model.Layers.Mlp;
import org.elusive.model.Layers.Norm;
import org.elusive.model.Layers.NormKind;

/**
 * GPT2LMHeadModel (Cerebras-GPT): learned positions, Conv1D weights stored [in, out], fused [q|k|v]
 * projection, LayerNorm, head tied to the token embedding. Tensor names may lack the "transformer."
 * prefix (checkpoints saved from GPT2Model).
 */
public final class Gpt2 {
    private Gpt2() {}

    public static final String ARCHITECTURE = "GPT2LMHeadModel";

    public static Transformer build(HfConfig c, Params p, NDManager m) {
        int h = c.size("n_embd"), heads = c.heads("n_head", h, "n_embd"), layers = c.size("n_layer");
        int v = c.size("vocab_size"), positions = c.size("n_positions");
        int ff = c.size("n_inner", 4 * h);
        float eps = (float) c.number("layer_norm_epsilon", 1e-5);
        if (c.bool("scale_attn_by_inverse_layer_idx", false) || !c.bool("scale_attn_weights", true)) {
            throw new BadInputException(c.file() + ": key 'scale_attn_by_inverse_layer_idx'/'scale_attn_weights': "
                    + "only the standard 1/sqrt(head_dim) attention scaling is supported");
        }
        Layers.Act act = Layers.act(c.string("activation_function", "gelu_new"), c.file() + " activation_function");
        String pre = p.has("transformer.wte.weight") ? "transformer." : "";
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String l = pre + "h." + i + ".";
            Attention attn = new Attention(conv(p, l + "attn.c_attn", h, 3L * h), FusedLayout.QKV_BLOCKS, null, null, null,
                    conv(p, l + "attn.c_proj", h, h), null, null, heads, heads, h / heads, null);
            Mlp mlp = new Mlp(conv(p, l + "mlp.c_fc", h, ff), null, conv(p, l + "mlp.c_proj", ff, h), act);
            blocks.add(new Block(ln(p, l + "ln_1", h, eps), attn, null, ln(p, l + "ln_2", h, eps), mlp, null, false));
        }
        NDArray wte = p.get(pre + "wte.weight", v, h);
        NDArray head = c.bool("tie_word_embeddings", true) || !p.has("lm_head.weight") ? wte : p.get("lm_head.weight", v, h);
        var parts = new Transformer.Parts(wte, p.get(pre + "wpe.weight", positions, h), blocks, ln(p, pre + "ln_f", h, eps),
                head, 0, 0f);
        return new Transformer(c.modelConfig(v, h, layers, heads, positions), m, true, p.taken(), parts);
    }

    private static Linear conv(Params p, String name, long in, long out) {
        return new Linear(p.get(name + ".weight", in, out), p.get(name + ".bias", out), true);
    }

    private static Norm ln(Params p, String name, long h, float eps) {
        return new Norm(NormKind.LAYER, p.get(name + ".weight", h), p.get(name + ".bias", h), eps);
    }
}
