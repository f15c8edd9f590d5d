"""Tiny random checkpoints saved by transformers, and their log-probs on fixed inputs.

Writes src/test/resources/models/<arch>-<variant>/ with config.json, the weights and expected.json:
  fp32      model.safetensors (float32)
  fp16      model.safetensors (float16)
  bf16      model.safetensors (bfloat16)
  sharded   model-0000x-of-0000y.safetensors + model.safetensors.index.json (float32), and a config
            in the pre-transformers-5 key style (rotary_pct, rope_theta, ...) as real checkpoints have
  bin       pytorch_model.bin (torch.save zip + pickle), gpt_neox only, with an extra buffer tensor
  bin-sharded pytorch_model-0000x-of-0000y.bin + pytorch_model.bin.index.json, gpt_neox only

expected.json: input_ids [B][T], attention_mask [B][T] (1 = real token, rows right-padded),
logprobs [B][T][V] and (rotary models) offset_logprobs with position ids starting at position_offset, the fp32 log-softmax of transformers' logits computed from the weights exactly as
stored in that variant (so a fp16/bf16 variant is compared with its own rounding, in fp32).

Run: /work/venv/bin/python scripts/reference/make_model_fixtures.py
"""
import copy
import json
import os
import shutil

import torch
from safetensors.torch import load_file
from transformers import (AutoModelForCausalLM, GPT2Config, GPTNeoXConfig, LlamaConfig, OlmoConfig,
                          Olmo2Config)

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "models")
VOCAB = 96
POSITION_OFFSET = 3000
ROPE = {"rope_type": "default", "rope_theta": 10000.0}


def configs():
    return {
        "gpt_neox": GPTNeoXConfig(vocab_size=VOCAB, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                  intermediate_size=64, max_position_embeddings=64, use_parallel_residual=True,
                                  rope_parameters={**ROPE, "partial_rotary_factor": 0.5}, tie_word_embeddings=False),
        # INCITE-style checkpoints and the demo's models may run the sequential residual
        "gpt_neox_seq": GPTNeoXConfig(vocab_size=VOCAB, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                      intermediate_size=64, max_position_embeddings=64, use_parallel_residual=False,
                                      rope_parameters={**ROPE, "partial_rotary_factor": 0.25, "rope_theta": 500.0},
                                      tie_word_embeddings=False),
        "llama": LlamaConfig(vocab_size=VOCAB, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                             num_key_value_heads=2, intermediate_size=48, max_position_embeddings=64,
                             rms_norm_eps=1e-6, rope_parameters=ROPE, tie_word_embeddings=False),
        "olmo": OlmoConfig(vocab_size=VOCAB, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                           num_key_value_heads=4, intermediate_size=48, max_position_embeddings=64, clip_qkv=1.0,
                           rope_parameters=ROPE, tie_word_embeddings=False),
        "olmo2": Olmo2Config(vocab_size=VOCAB, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                             num_key_value_heads=2, intermediate_size=48, max_position_embeddings=64,
                             rms_norm_eps=1e-6, rope_parameters=ROPE, tie_word_embeddings=False),
        "gpt2": GPT2Config(vocab_size=VOCAB, n_embd=32, n_layer=2, n_head=4, n_positions=64,
                           activation_function="gelu_new", tie_word_embeddings=True),
    }


def randomize(model, seed):
    # transformers' 0.02 init makes every log-prob ~ -log(V); larger weights give a test that can fail
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name or "ln_" in name:
                p.copy_((1.0 if name.endswith("weight") else 0.0) + 0.2 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.3 * torch.randn(p.shape, generator=g))


def inputs():
    g = torch.Generator().manual_seed(7)
    ids = torch.randint(0, VOCAB, (2, 10), generator=g)
    mask = torch.ones(2, 10, dtype=torch.long)
    mask[1, 6:] = 0
    ids[1, 6:] = 0
    return ids, mask


def rounded(lp):
    return [[[round(v, 6) for v in pos] for pos in row] for row in lp.tolist()]


def expected(path):
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32, attn_implementation="eager").eval()
    ids, mask = inputs()
    with torch.no_grad():
        logits = model(input_ids=ids, attention_mask=mask).logits.float()
    lp = torch.log_softmax(logits, dim=-1)
    doc = {"input_ids": ids.tolist(), "attention_mask": mask.tolist(), "logprobs": rounded(lp)}
    if model.config.model_type != "gpt2":
        # far-away position ids check the rotary tables where fp32 rounding of the angles matters
        pos = torch.arange(ids.shape[1]).unsqueeze(0).repeat(ids.shape[0], 1) + POSITION_OFFSET
        with torch.no_grad():
            far = model(input_ids=ids, attention_mask=mask, position_ids=pos).logits.float()
        doc["position_offset"] = POSITION_OFFSET
        doc["offset_logprobs"] = rounded(torch.log_softmax(far, dim=-1))
    with open(os.path.join(path, "expected.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))


def legacy_config(path, arch):
    # real Pythia / Llama / OLMo configs predate transformers 5's rope_parameters
    cfg_path = os.path.join(path, "config.json")
    with open(cfg_path) as f:
        cfg = json.load(f)
    rope = cfg.pop("rope_parameters", None)
    if rope is not None:
        if arch.startswith("gpt_neox"):
            cfg["rotary_pct"] = rope.get("partial_rotary_factor", 1.0)
            cfg["rotary_emb_base"] = rope["rope_theta"]
        else:
            cfg["rope_theta"] = rope["rope_theta"]
            cfg["rope_scaling"] = None
    cfg["torch_dtype"] = cfg.pop("dtype", "float32")
    with open(cfg_path, "w") as f:
        json.dump(cfg, f, indent=2)


def save_bin(model, path, shards):
    os.makedirs(path, exist_ok=True)
    model.config.architectures = [type(model).__name__]
    model.config.save_pretrained(path)
    # the on-disk names save_pretrained writes (transformers 5's state_dict says lm_head for embed_out)
    state = load_file(os.path.join(OUT, "gpt_neox-fp32", "model.safetensors"))
    # old Pythia .bin files carry buffers the loader must ignore
    state["gpt_neox.layers.0.attention.rotary_emb.inv_freq"] = torch.ones(4)
    if shards == 1:
        torch.save(state, os.path.join(path, "pytorch_model.bin"))
        return
    names = sorted(state)
    weight_map = {}
    for i in range(shards):
        fname = f"pytorch_model-{i + 1:05d}-of-{shards:05d}.bin"
        part = {n: state[n] for n in names[i::shards]}
        torch.save(part, os.path.join(path, fname))
        weight_map.update({n: fname for n in part})
    with open(os.path.join(path, "pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {}, "weight_map": weight_map}, f, indent=2)


def main():
    for seed, (arch, cfg) in enumerate(configs().items()):
        torch.manual_seed(seed)
        model = AutoModelForCausalLM.from_config(cfg, dtype=torch.float32)
        randomize(model, 100 + seed)
        variants = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16, "sharded": torch.float32}
        for variant, dtype in variants.items():
            path = os.path.join(OUT, f"{arch}-{variant}")
            shutil.rmtree(path, ignore_errors=True)
            m = copy.deepcopy(model).to(dtype)
            if variant == "sharded":
                m.save_pretrained(path, max_shard_size="20KB")
                legacy_config(path, arch)
            else:
                m.save_pretrained(path)
            expected(path)
        if arch == "gpt_neox":
            for variant, shards in (("bin", 1), ("bin-sharded", 3)):
                path = os.path.join(OUT, f"{arch}-{variant}")
                shutil.rmtree(path, ignore_errors=True)
                save_bin(model, path, shards)
                shutil.copy(os.path.join(OUT, f"{arch}-fp32", "expected.json"), path)
        print(arch, "done")


if __name__ == "__main__":
    main()
