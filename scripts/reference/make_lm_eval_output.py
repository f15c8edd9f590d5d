#!/usr/bin/env python
"""What `lm_eval run --output_path DIR --log_samples` writes, for elusive's results JSON and samples.

Writes src/test/resources/lmeval_output/:
  lm_eval/tiny-neox/results_<date>.json, samples_<task>_<date>.jsonl
        the lm-eval 0.4.13 CLI itself (`lm_eval run --model hf --log_samples`) on the tiny random GPT-NeoX
        of make_scorer_fixtures.py (scored in fp32) with the GPT-NeoX-20B tokenizer: arc_easy (first 3
        docs) and the whole `mmlu` group (first 3 docs of each of its 57 subjects, 0-shot), so the
        results hold the groups mmlu, mmlu_stem, mmlu_humanities, mmlu_social_sciences, mmlu_other.
        The real task YAMLs and group names are used; only `datasets.load_dataset` is redirected from
        the Hub to the local copies under ../shared/data/hf (<org>/<name>/<config>/<split>.jsonl).
  lm_eval_more/tiny-neox/...
        the same CLI run on hellaswag (process_docs), winogrande (a context per choice), lambada_openai
        (loglikelihood) and piqa, first 3 docs each: their samples' keys, targets and hashes.
  ties/tiny-ties/{config.json, model.safetensors}
        a tiny GPT-NeoX over the 320-token toy tokenizer whose input embedding is zero, so every
        position predicts the same distribution: a continuation's log-likelihood is a sum of fixed
        per-token values, and choices that are permutations of the same tokens tie exactly in double
        but not always in float32, summed in torch's order.
  ties/tasks/ties_perm.yaml, ties/data/toy/ties/default/test.jsonl
        the task (choices = permutations of 3 to 12 toy tokens) elusive and lm-eval both score.
  ties/ties.json
        lm-eval's samples of that task (ll per choice, acc, acc_norm) and, per choice, the per-token
        log-probs torch computes (log_softmax + gather, float32), from which lm-eval's ll is the
        float32 `sum()`.
  torch_sum.json
        random float32 vectors of lengths 1..64 (and a few longer, up to 2,100 so the kernel's cascade
        levels run) with torch.sum's float32 result, as hex: the order elusive's float32 sum reproduces
        bit for bit.
  pyjson.json
        values with json's edge cases and Python's json.dumps of them (one line, and indent=2), for the
        Java json.dumps behind doc_hash and the written files.
Run: /work/venv/bin/python scripts/reference/make_lm_eval_output.py [sum] [pyjson] [ties] [output] [more]  (default: all)
"""
import itertools
import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import torch
from safetensors.torch import save_file
from transformers import GPTNeoXConfig, GPTNeoXForCausalLM, PreTrainedTokenizerFast

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").exists() else pathlib.Path("/work/shared")
TOKENIZER = SHARED / "data/tokenizers/gpt-neox-20b/20B_tokenizer.json"
SCORING = ROOT / "src/test/resources/scoring"
OUT = ROOT / "src/test/resources/lmeval_output"

# Runs in a child interpreter: the Hub loader redirected to the data root, then lm-eval's own CLI.
# The venv's pytablewriter is a stub, so the table printing after the files are written is off.
LAUNCHER = """
import os, sys, datasets, lm_eval.utils as u
root = os.environ["ELUSIVE_DATA_ROOT"]
original = datasets.load_dataset
def local(path=None, name=None, **kw):
    if path == "json":
        return original(path, name=name, **kw)
    d = os.path.join(root, path, name or "default")
    files = {f.rsplit(".", 1)[0]: os.path.join(d, f) for f in os.listdir(d) if f.endswith(".jsonl")}
    some = files.get("test") or next(iter(files.values()))
    for split in ("train", "validation", "test"):  # splits a YAML names but the data root lacks (unused at 0-shot)
        files.setdefault(split, some)
    return original("json", data_files=files)
datasets.load_dataset = local
u.make_table = lambda *a, **k: ""
from lm_eval.__main__ import cli_evaluate
sys.argv[0] = "lm_eval"
cli_evaluate()
"""


def env(tmp):
    return dict(os.environ, HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
                HF_DATASETS_CACHE=str(tmp / "datasets"), TOKENIZERS_PARALLELISM="false",
                ELUSIVE_DATA_ROOT=str(SHARED / "data/hf"))


def lm_eval(tmp, model, tokenizer, tasks, limit, out, extra=()):
    subprocess.run([sys.executable, "-c", LAUNCHER, "run", "--model", "hf",
                    "--model_args", f"pretrained={model},tokenizer={tokenizer},dtype=float32",
                    "--tasks", *tasks, "--limit", str(limit), "--batch_size", "4", "--device", "cpu",
                    "--log_samples", "--output_path", str(out), *extra],
                   cwd=tmp, env=env(tmp), check=True)


def copy_tree(src, dst, tmp):
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    for f in dst.rglob("*.json*"):
        f.write_text(f.read_text().replace(str(tmp), "/tmp/lm-eval-fixture"))


def main_output(tmp):
    shutil.copytree(SCORING / "tiny-neox", tmp / "tiny-neox")
    PreTrainedTokenizerFast(tokenizer_file=str(TOKENIZER), bos_token="<|endoftext|>", eos_token="<|endoftext|>",
                            pad_token="<|endoftext|>").save_pretrained(tmp / "neox-tok")
    lm_eval(tmp, "tiny-neox", "neox-tok", ["arc_easy", "mmlu"], 3, tmp / "out", ["--num_fewshot", "0"])
    copy_tree(tmp / "out", OUT / "lm_eval", tmp)


def more_output(tmp):
    """Tasks with process_docs, per-choice contexts and loglikelihood output: their samples' keys and hashes."""
    shutil.copytree(SCORING / "tiny-neox", tmp / "tiny-neox")
    PreTrainedTokenizerFast(tokenizer_file=str(TOKENIZER), bos_token="<|endoftext|>", eos_token="<|endoftext|>",
                            pad_token="<|endoftext|>").save_pretrained(tmp / "neox-tok")
    lm_eval(tmp, "tiny-neox", "neox-tok", ["hellaswag", "winogrande", "lambada_openai", "piqa"], 3, tmp / "out",
            ["--num_fewshot", "0"])
    copy_tree(tmp / "out", OUT / "lm_eval_more", tmp)


TIES_WORDS = [" a", " quick", " brown", " fox", " cat", " sat", " on", " the", " mat", " dog", " answer", " is"]


def ties_docs():
    rng = random.Random(7)
    docs = []
    for i in range(48):
        n = rng.choice([3, 4, 5, 6, 8, 9, 12])
        words = rng.sample(TIES_WORDS, min(n, len(TIES_WORDS)))
        perms = set()
        while len(perms) < 4:
            perms.add(tuple(rng.sample(words, len(words))))
        choices = ["".join(p).lstrip() for p in sorted(perms)]
        docs.append({"q": f"question {i}", "choices": choices, "label": rng.randrange(4)})
    return docs


def ties(tmp):
    tok_file = SCORING / "toy-tokenizer.json"
    tok = PreTrainedTokenizerFast(tokenizer_file=str(tok_file), bos_token="<|endoftext|>", eos_token="<|endoftext|>",
                                  pad_token="<|endoftext|>")
    tok.save_pretrained(tmp / "toy-tok")
    torch.manual_seed(11)
    cfg = GPTNeoXConfig(vocab_size=320, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, rotary_pct=0.25, max_position_embeddings=256,
                        use_parallel_residual=True, tie_word_embeddings=False, bos_token_id=0, eos_token_id=0,
                        initializer_range=0.5)
    model = GPTNeoXForCausalLM(cfg).eval()
    with torch.no_grad():
        model.gpt_neox.embed_in.weight.zero_()
        # the constant hidden state is the final norm's bias: a random one makes the logits vary
        model.gpt_neox.final_layer_norm.bias.normal_(0, 1)
        for p in model.parameters():
            p.copy_(p.half().float())
    mdir = OUT / "ties/tiny-ties"
    if mdir.exists():
        shutil.rmtree(mdir)
    model.save_pretrained(mdir, safe_serialization=True)
    c = json.loads((mdir / "config.json").read_text())
    c.update(rotary_pct=0.25, rotary_emb_base=10000)
    (mdir / "config.json").write_text(json.dumps(c, indent=2) + "\n")
    (mdir / "generation_config.json").unlink(missing_ok=True)

    docs = ties_docs()
    data = OUT / "ties/data/toy/ties/default/test.jsonl"
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("".join(json.dumps(d) + "\n" for d in docs))
    body = ("output_type: multiple_choice\ntest_split: test\ndoc_to_text: \"{{q}}:\"\n"
            "doc_to_choice: \"{{choices}}\"\ndoc_to_target: label\nmetric_list:\n"
            "  - metric: acc\n    aggregation: mean\n    higher_is_better: true\n"
            "  - metric: acc_norm\n    aggregation: mean\n    higher_is_better: true\nmetadata:\n  version: 1.0\n")
    tasks = OUT / "ties/tasks"
    tasks.mkdir(parents=True, exist_ok=True)
    (tasks / "ties_perm.yaml").write_text("task: ties_perm\ndataset_path: toy/ties\n" + body)
    (tmp / "inc").mkdir()
    (tmp / "inc/ties_perm.yaml").write_text(
        f"task: ties_perm\ndataset_path: json\ndataset_kwargs:\n  data_files:\n    test: {data}\n" + body)
    shutil.copytree(mdir, tmp / "tiny-ties")
    lm_eval(tmp, "tiny-ties", "toy-tok", ["ties_perm", "--include_path", str(tmp / "inc")], 1000, tmp / "ties-out")
    samples = [json.loads(l) for f in (tmp / "ties-out").rglob("samples_ties_perm_*.jsonl") for l in f.open()]
    out = []
    for s in sorted(samples, key=lambda s: s["doc_id"]):
        choices = []
        for c, arg in enumerate(s["arguments"].values()):
            ctx, cont = arg["arg_0"], arg["arg_1"]
            ctx_ids, whole = tok(ctx)["input_ids"], tok(ctx + cont)["input_ids"]
            cont_ids = whole[len(ctx_ids):]
            with torch.no_grad():
                logp = torch.log_softmax(model(torch.tensor([whole])).logits.float(), dim=-1)[0]
            tl = logp[len(whole) - len(cont_ids) - 1:len(whole) - 1].gather(1, torch.tensor(cont_ids)[:, None])[:, 0]
            ll = float(s["filtered_resps"][c][0])
            choices.append({"continuation": cont, "token_logprobs": [float(x) for x in tl],
                            "ll": ll, "ll_torch": float(tl.reshape(1, -1).sum()),
                            "ll_double": float(sum(float(x) for x in tl))})
        out.append({"doc_id": s["doc_id"], "gold": s["doc"]["label"], "acc": s["acc"], "acc_norm": s["acc_norm"],
                    "choices": choices})
    ties_n = sum(1 for d in out if len({c["ll_double"] for c in d["choices"]}) < len(d["choices"]))
    f32_n = sum(1 for d in out if len({c["ll"] for c in d["choices"]}) < len(d["choices"]))
    differ = sum(1 for d in out if int(np.argmax([c["ll"] for c in d["choices"]]))
                 != int(np.argmax([c["ll_double"] for c in d["choices"]])))
    (OUT / "ties/ties.json").write_text(json.dumps({"lm_eval": "0.4.13", "docs": out}, indent=1) + "\n")
    print(f"ties: {len(out)} docs, {ties_n} with a double tie, {f32_n} with a float32 tie, "
          f"{differ} whose float32 argmax differs from the double one")


def torch_sum():
    """Each vector as big-endian float32 hex (8 digits a float), its sum likewise: exact and compact."""
    rng = np.random.default_rng(3)
    cases = []
    lengths = [(n, 4) for n in range(1, 65)] + [(n, 2) for n in (65, 100, 127, 128, 129, 513, 600, 2100)]
    for n, reps in lengths:
        for t in range(reps):
            x = (rng.standard_normal(n) * [1e-3, 1.0, 10.0, 1e4][t % 4]).astype(np.float32)
            if t % 2 == 0:
                x = -np.abs(x)
            s = torch.tensor(x).reshape(1, -1).sum().numpy().astype(">f4")
            cases.append({"x": x.astype(">f4").tobytes().hex(), "sum": s.tobytes().hex()})
    (OUT / "torch_sum.json").write_text(json.dumps({"torch": torch.__version__, "cases": cases}, indent=0) + "\n")


PYJSON_CASES = [
    {"id": "ARC-Easy-1", "question": "Whére? \"quoted\" back\\slash\ttab\nline \u0001 \u007f 中 😀",
     "choices": {"text": ["a", "b"], "label": ["A", "B"]}, "answerKey": "A"},
    {"ints": [0, -1, 123456789012345678], "floats": [0.1, 1.0, -0.0, 1e16, 1e-5, 1.5e-4, 123456.789, 2.5e300],
     "nested": {"empty_list": [], "empty_dict": {}, "none": None, "t": True, "f": False}},
    [],
    {},
    "plain",
]


def pyjson():
    """json.dumps of docs with the edge cases (escapes, floats, empty containers), compact and indent=2."""
    cases = [{"value": v, "compact": json.dumps(v, ensure_ascii=False),
              "indent2": json.dumps(v, indent=2, ensure_ascii=False)} for v in PYJSON_CASES]
    (OUT / "pyjson.json").write_text(json.dumps(cases, indent=1) + "\n")


def main():
    parts = sys.argv[1:] or ["sum", "pyjson", "ties", "output", "more"]
    OUT.mkdir(parents=True, exist_ok=True)
    if "sum" in parts:
        torch_sum()
    if "pyjson" in parts:
        pyjson()
    if "ties" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            ties(pathlib.Path(tmp))
    if "more" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            more_output(pathlib.Path(tmp))
    if "output" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            main_output(pathlib.Path(tmp))
    for f in sorted(OUT.rglob("*")):
        if f.is_file() and "samples_mmlu" not in f.name:
            print(f.relative_to(ROOT), f.stat().st_size)


if __name__ == "__main__":
    main()
