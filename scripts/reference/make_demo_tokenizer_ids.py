"""Ids transformers' AutoTokenizer gives on a demo checkpoint's tokenizer files (issue 14).

The demo writes tokenizer.json, tokenizer_config.json and special_tokens_map.json beside each
checkpoint (demo/DemoTokenizer). src/test/resources/demo/checkpoint/ holds those files as the demo
writes them (DemoTokenizerRoundTripTest checks that they still are), plus config.json: without a
tokenizer_config.json, AutoTokenizer takes GPTNeoXTokenizer from config.json's model_type and
rebuilds a byte-level BPE that encodes a whole demo sentence as one id.

This loads that directory with AutoTokenizer exactly as lm-eval's HFLM does, encodes demo sentences
(plus an unknown word, repeated spaces, the end-of-text token), once through save_pretrained and
back, and writes the ids to demo_tokenizer_ids.json. Run from the repository root:

    /work/venv/bin/python scripts/reference/make_demo_tokenizer_ids.py
"""
import json
import os
import tempfile

import transformers
from transformers import AutoTokenizer

HERE = "src/test/resources/demo"
TEXTS = [
    "the colour of xezenzen is green",
    "the food of xezenzen is rice .",
    " the animal of xezenzen is horse",
    "the colour of  xezenzen is   green",
    "the colour of nosuchword is green",
    "<|endoftext|> the food",
    "",
]


def encode(tok):
    # lm-eval's HFLM.tok_encode for a causal model: add_special_tokens=False unless add_bos_token
    return {
        "class": type(tok).__name__,
        "ids": [tok(t, add_special_tokens=False)["input_ids"] for t in TEXTS],
        "ids_default": [tok(t)["input_ids"] for t in TEXTS],
    }


def main():
    ckpt = os.path.join(HERE, "checkpoint")
    loaded = AutoTokenizer.from_pretrained(ckpt)
    with tempfile.TemporaryDirectory() as tmp:
        loaded.save_pretrained(tmp)
        again = AutoTokenizer.from_pretrained(tmp)
        saved_files = sorted(os.listdir(tmp))
    out = {
        "transformers": transformers.__version__,
        "texts": TEXTS,
        "loaded": encode(loaded),
        "round_trip": encode(again),
        "save_pretrained_files": saved_files,
    }
    with open(os.path.join(HERE, "demo_tokenizer_ids.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
