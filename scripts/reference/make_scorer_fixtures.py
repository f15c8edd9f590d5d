#!/usr/bin/env python
"""Golden fixtures for the scorer: lm-evaluation-harness 0.4.13's HFLM on a tiny random GPT-NeoX.

Writes src/test/resources/scoring/:
  tiny-neox/{config.json, model.safetensors}  tiny random GPT-NeoX (hidden 16, 2 layers, vocab 50304),
                                              weights stored fp16 (small file), scored in fp32 by both sides
  lmeval_parity.json                          per task: docs with the (context, continuation) pairs lm-eval
                                              built, its per-request ll and is_greedy, acc and acc_norm;
                                              plus direct loglikelihood requests for the edge cases
                                              (empty context, trailing whitespace, left truncation, greedy hits)

The tokenizer is the real GPT-NeoX-20B one from ../shared (never copied into the project).
Usage: /work/venv/bin/python scripts/reference/make_scorer_fixtures.py [SHARED_DIR]
"""
import json
import os
import sys
import tempfile
from pathlib import Path

import torch
from transformers import GPTNeoXConfig, GPTNeoXForCausalLM, PreTrainedTokenizerFast

import lm_eval
from lm_eval.api.instance import Instance
from lm_eval.models.huggingface import HFLM
from lm_eval.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared")
OUT = ROOT / "src/test/resources/scoring"
TOKENIZER = SHARED / "data/tokenizers/gpt-neox-20b/20B_tokenizer.json"
DATA = SHARED / "data/hf"
GREEDY_BIAS = float(os.environ.get("GREEDY_BIAS", "2.5"))
TASKS_DIR = Path(lm_eval.__file__).parent / "tasks"

# (task name, lm-eval yaml it includes, data file, split key, limit, num_fewshot, fewshot data file)
TASKS = [
    ("arc_easy", "arc/arc_easy.yaml", "allenai/ai2_arc/ARC-Easy/test.jsonl", 8, None, None),
    ("hellaswag", "hellaswag/hellaswag.yaml", "Rowan/hellaswag/default/validation.jsonl", 8, None, None),
    ("piqa", "piqa/piqa.yaml", "baber/piqa/default/validation.jsonl", 6, None, None),
    ("winogrande", "winogrande/default.yaml", "allenai/winogrande/winogrande_xl/validation.jsonl", 8, None, None),
    ("lambada_openai", "lambada/lambada_openai.yaml", "EleutherAI/lambada_openai/default/test.jsonl", 6, None, None),
    ("mmlu_abstract_algebra", "mmlu/default/mmlu_abstract_algebra.yaml", "cais/mmlu/abstract_algebra/test.jsonl", 4, 5,
     "cais/mmlu/abstract_algebra/dev.jsonl"),
]


def make_model(model_dir: Path):
    torch.manual_seed(1234)
    config = GPTNeoXConfig(vocab_size=50304, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                           intermediate_size=64, rotary_pct=0.25, max_position_embeddings=2048,
                           use_parallel_residual=True, tie_word_embeddings=False, bos_token_id=0, eos_token_id=0,
                           initializer_range=0.1)
    model = GPTNeoXForCausalLM(config).eval()
    with torch.no_grad():
        # A final-norm bias along u and the head row of " the" (253) along u make " the" the argmax at
        # most positions, so continuations made of " the" are greedy and the greedy flag is really tested.
        u = torch.randn(config.hidden_size)
        u = u / u.norm()
        model.gpt_neox.final_layer_norm.bias.add_(GREEDY_BIAS * u)
        model.get_output_embeddings().weight[253].add_(GREEDY_BIAS * u)
        # Round every weight through fp16 so the fp16 file holds exactly the fp32 model both sides score.
        for p in model.parameters():
            p.copy_(p.half().float())
    model.half().save_pretrained(model_dir, safe_serialization=True)
    # transformers 5 writes rope_parameters; Pythia's own configs carry the legacy keys: write both.
    cfg = json.loads((model_dir / "config.json").read_text())
    cfg.update(rotary_pct=0.25, rotary_emb_base=10000, dtype="float16")
    (model_dir / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    (model_dir / "generation_config.json").unlink(missing_ok=True)
    return model_dir


def make_toy_tokenizer(path: Path):
    """A small byte-level BPE (vocab 320) for tests that need no ../shared: trained on a fixed text."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=320, special_tokens=["<|endoftext|>"], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    text = ["The quick brown fox jumps over the lazy dog. Question: what is the answer? Answer: the answer is",
            "A man is sitting on a roof. He starts pulling up roofing on a roof. The cat sat on the mat.",
            "Sarah was a much better surgeon than Maria so she always got the easier cases."] * 20
    tok.train_from_iterator(text, trainer)
    tok.save(str(path))


def tokenizer():
    return PreTrainedTokenizerFast(tokenizer_file=str(TOKENIZER), bos_token="<|endoftext|>",
                                   eos_token="<|endoftext|>", pad_token="<|endoftext|>")


def task_yaml(tmp: Path, name, include, data, fewshot, fewshot_data):
    split = "test"
    lines = [f"include: {TASKS_DIR / include}", f"task: fx_{name}",
             "dataset_path: json", "dataset_name: null",
             "dataset_kwargs:", "  data_files:", f"    {split}: {DATA / data}"]
    if fewshot_data:
        lines += [f"    dev: {DATA / fewshot_data}", "fewshot_split: dev", f"num_fewshot: {fewshot}"]
    lines += ["training_split: null", "validation_split: null", f"test_split: {split}"]
    (tmp / f"fx_{name}.yaml").write_text("\n".join(lines) + "\n")


def args_of(sample):
    args = sample["arguments"]
    if isinstance(args, dict):
        args = [[a["arg_0"], a["arg_1"]] for a in args.values()]
    return [[a[0], a[1]] for a in args]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    make_toy_tokenizer(OUT / "toy-tokenizer.json")
    model_dir = make_model(OUT / "tiny-neox")
    tok = tokenizer()
    lm = HFLM(pretrained=str(model_dir), tokenizer=tok, dtype="float32", batch_size=4, device="cpu")
    out = {"model": "tiny-neox", "lm_eval": lm_eval.__version__ if hasattr(lm_eval, "__version__") else "0.4.13",
           "tasks": {}, "direct": []}

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, include, data, limit, fewshot, fewshot_data in TASKS:
            task_yaml(tmp, name, include, data, fewshot, fewshot_data)
        tm = TaskManager(include_path=str(tmp))
        names = [f"fx_{t[0]}" for t in TASKS]
        res = lm_eval.simple_evaluate(model=lm, tasks=names, limit=max(t[3] for t in TASKS), log_samples=True,
                                      task_manager=tm, bootstrap_iters=0, random_seed=0, numpy_random_seed=1234,
                                      torch_random_seed=1234, fewshot_random_seed=1234)
        for name, _, _, limit, fewshot, _ in TASKS:
            samples = sorted(res["samples"][f"fx_{name}"], key=lambda s: s["doc_id"])[:limit]
            docs = []
            for s in samples:
                pairs = args_of(s)
                resps = [r[0] for r in s["resps"]]
                docs.append({
                    "doc_id": s["doc_id"],
                    "contexts": [p[0] for p in pairs],
                    "continuations": [p[1] for p in pairs],
                    "target": s["target"],
                    # gold choice index: WinoGrande's is its answer field (lm-eval's doc_to_text), others the target
                    "gold": {"1": 0, "2": 1}[s["doc"]["answer"]] if name == "winogrande"
                    else s["target"] if isinstance(s["target"], int) else 0,
                    "ll": [float(r[0]) for r in resps],
                    "greedy": [bool(r[1]) for r in resps],
                    "acc": s.get("acc"),
                    "acc_norm": s.get("acc_norm"),
                })
            out["tasks"][name] = {"num_fewshot": fewshot or 0, "docs": docs}

    # Edge cases straight through HFLM.loglikelihood: empty context (prefix token), trailing whitespace
    # moved to the continuation, repeated-token continuations (greedy), and left truncation.
    direct = [("", " the"), ("", "<|endoftext|> hello"), ("Hello world  ", "foo bar"), ("The the the the", " the the"),
              ("a b c d e f", " f f f"), ("Question: 2+2?\nAnswer:", " 4"), ("x\n\n", "\n\ny")]
    long_ctx = " ".join(f"w{i}" for i in range(60))
    lm_short = HFLM(pretrained=str(model_dir), tokenizer=tok, dtype="float32", batch_size=2, device="cpu",
                    max_length=24)
    for max_len, reqs, model in [(2048, direct, lm), (24, [(long_ctx, " w60 w61"), (long_ctx, " end"),
                                                          ("short", " and short")], lm_short)]:
        inst = [Instance(request_type="loglikelihood", doc={}, arguments=r, idx=i) for i, r in enumerate(reqs)]
        encoded = {}  # the token ids lm-eval scores, captured on their way into _loglikelihood_tokens
        inner = model._loglikelihood_tokens

        def capture(new_reqs, **kw):
            encoded.update({r[0]: (r[1], r[2]) for r in new_reqs})
            return inner(new_reqs, **kw)
        model._loglikelihood_tokens = capture
        for (ctx, cont), (ll, greedy) in zip(reqs, model.loglikelihood(inst)):
            ctx_enc, cont_enc = encoded[(ctx, cont)]
            out["direct"].append({"max_length": max_len, "context": ctx, "continuation": cont,
                                  "context_enc": list(ctx_enc), "continuation_enc": list(cont_enc),
                                  "ll": float(ll), "greedy": bool(greedy)})

    (OUT / "lmeval_parity.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    n = sum(len(t["docs"]) for t in out["tasks"].values())
    g = sum(sum(d["greedy"]) for t in out["tasks"].values() for d in t["docs"]) + sum(d["greedy"] for d in out["direct"])
    print(f"wrote {OUT}: {n} docs, {len(out['direct'])} direct requests, {g} greedy hits")


if __name__ == "__main__":
    main()
