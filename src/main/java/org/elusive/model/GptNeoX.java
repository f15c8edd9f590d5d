package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elusive.model.Attention.FusedLayout;
import org.elusive.model.Layers.Linear;
import org.elusive.model.Layers.Mlp;
import org.elusive.model.Layers.Norm;
import org.elusive.model.Layers.NormKind;

/**
 * GPTNeoXForCausalLM (Pythia, RedPajama-INCITE): fused QKV in NeoX's per-head layout, partial rotary,
 * LayerNorm, parallel or sequential residual, untied {@code embed_out}.
 */
public final class GptNeoX {
    private GptNeoX() {}

    public static final String ARCHITECTURE = "GPTNeoXForCausalLM";

    public record Config(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
            double rotaryPct, double ropeTheta, boolean parallelResidual, double layerNormEps, int maxPositions,
            String hiddenAct, boolean attentionBias, boolean tieWordEmbeddings, int bosTokenId, int eosTokenId) {

        public static Config from(HfConfig c) {
            c.requirePlainRope();
            int hidden = c.size("hidden_size");
            return new Config(c.size("vocab_size"), hidden, c.size("num_hidden_layers"),
                    c.heads("num_attention_heads", hidden, "hidden_size"), c.size("intermediate_size"),
                    c.partialRotary("rotary_pct", 0.25), c.ropeTheta("rotary_emb_base", 10000),
                    c.bool("use_parallel_residual", true), c.number("layer_norm_eps", 1e-5),
                    c.integer("max_position_embeddings", 2048), c.string("hidden_act", "gelu"),
                    c.bool("attention_bias", true), c.bool("tie_word_embeddings", false),
                    c.tokenId("bos_token_id"), c.tokenId("eos_token_id"));
        }

        public int headDim() { return hiddenSize / numHeads; }

        public int rotaryDims() { return (int) (headDim() * rotaryPct); }

        /** config.json as HF writes it (older key names, which transformers 4 and 5 both read). */
        public ObjectNode toJson() {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.putArray("architectures").add(ARCHITECTURE);
            o.put("model_type", "gpt_neox");
            o.put("vocab_size", vocabSize).put("hidden_size", hiddenSize).put("num_hidden_layers", numLayers)
                    .put("num_attention_heads", numHeads).put("intermediate_size", intermediateSize)
                    .put("rotary_pct", rotaryPct).put("rotary_emb_base", ropeTheta)
                    .put("use_parallel_residual", parallelResidual).put("layer_norm_eps", layerNormEps)
                    .put("max_position_embeddings", maxPositions).put("hidden_act", hiddenAct)
                    .put("attention_bias", attentionBias).put("tie_word_embeddings", tieWordEmbeddings)
                    .put("bos_token_id", bosTokenId).put("eos_token_id", eosTokenId)
                    .put("initializer_range", 0.02).put("torch_dtype", "float32");
            return o;
        }

        ModelConfig modelConfig() {
            return new ModelConfig(ARCHITECTURE, vocabSize, hiddenSize, numLayers, numHeads, maxPositions, bosTokenId, eosTokenId);
        }
    }

    public static Transformer build(Config c, Params p, NDManager manager, boolean ownsManager) {
        long h = c.hiddenSize(), ff = c.intermediateSize(), v = c.vocabSize();
        float eps = (float) c.layerNormEps();
        Layers.Act act = Layers.act(c.hiddenAct(), "config.json hidden_act");
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "gpt_neox.layers." + i + ".";
            Attention attn = new Attention(linear(p, l + "attention.query_key_value", 3 * h, h, c.attentionBias()),
                    FusedLayout.PER_HEAD, null, null, null, linear(p, l + "attention.dense", h, h, c.attentionBias()),
                    null, null, c.numHeads(), c.numHeads(), c.headDim(), null);
            Mlp mlp = new Mlp(linear(p, l + "mlp.dense_h_to_4h", ff, h, true), null,
                    linear(p, l + "mlp.dense_4h_to_h", h, ff, true), act);
            blocks.add(new Block(layerNorm(p, l + "input_layernorm", h, eps), attn, null,
                    layerNorm(p, l + "post_attention_layernorm", h, eps), mlp, null, c.parallelResidual()));
        }
        NDArray embed = p.get("gpt_neox.embed_in.weight", v, h);
        NDArray head = c.tieWordEmbeddings() ? embed : p.get("embed_out.weight", v, h);
        Norm last = layerNorm(p, "gpt_neox.final_layer_norm", h, eps);
        var parts = new Transformer.Parts(embed, null, blocks, last, head, c.rotaryDims(), (float) c.ropeTheta());
        return new Transformer(c.modelConfig(), manager, ownsManager, p.taken(), parts);
    }

    /** A model over tensors already in memory, keyed by HF names (e.g. parameters under training). */
    public static Transformer fromParameters(Config c, Map<String, NDArray> parameters) {
        NDManager m = parameters.get("gpt_neox.embed_in.weight").getManager();
        return build(c, Params.of(parameters), m, false);
    }

    /** Every tensor name of this configuration and its shape, in checkpoint order. */
    public static Map<String, long[]> shapes(Config c) { return Params.shapes(p -> build(c, p, null, false)); }

    static Linear linear(Params p, String name, long out, long in, boolean bias) {
        return Linear.of(p.get(name + ".weight", out, in), bias ? p.get(name + ".bias", out) : null);
    }

    static Norm layerNorm(Params p, String name, long h, float eps) {
        return new Norm(NormKind.LAYER, p.get(name + ".weight", h), p.get(name + ".bias", h), eps);
    }
}
