"""Tiny PyTorch .bin checkpoints for TorchBinStoreTest.

transformers 5 only writes safetensors, so the .bin files are written the way transformers 4.x and
the GPT-NeoX conversion scripts wrote them: torch.save of the state dict (single file) or of plain
dict shards plus pytorch_model.bin.index.json. Next to each checkpoint, reference.f32 holds every
tensor's values widened to float32 (little-endian, concatenated) and reference.json their names,
shapes, dtypes and offsets, so the Java test compares every value exactly.

Run: /work/venv/bin/python scripts/reference/make_bin_fixtures.py   (writes src/test/resources/bin/)
"""
import json
import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import tempfile
from collections import OrderedDict

import torch
from safetensors.torch import load_file
from transformers import GPTNeoXConfig, GPTNeoXForCausalLM

OUT = Path(__file__).resolve().parents[2] / "src/test/resources/bin"


def write_reference(d: Path, sd: dict):
    entries, blob, off = [], bytearray(), 0
    for name, t in sd.items():
        if not t.is_floating_point():
            continue
        vals = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        entries.append({"name": name, "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
                        "offset": off, "count": t.numel()})
        blob += vals
        off += t.numel()
    (d / "reference.f32").write_bytes(bytes(blob))
    (d / "reference.json").write_text(json.dumps({"tensors": entries}, indent=1))


def save_sharded(d: Path, sd: dict, max_shard_bytes: int):
    """transformers 4.x shard_checkpoint + save_pretrained(safe_serialization=False)."""
    shards, cur, size = [], {}, 0
    for k, t in sd.items():
        b = t.numel() * t.element_size()
        if cur and size + b > max_shard_bytes:
            shards.append(cur)
            cur, size = {}, 0
        cur[k] = t
        size += b
    shards.append(cur)
    n, weight_map, total = len(shards), {}, 0
    for i, shard in enumerate(shards):
        fname = f"pytorch_model-{i + 1:05d}-of-{n:05d}.bin"
        torch.save({k: v.contiguous() for k, v in shard.items()}, d / fname)
        for k, v in shard.items():
            weight_map[k] = fname
            total += v.numel() * v.element_size()
    (d / "pytorch_model.bin.index.json").write_text(
        json.dumps({"metadata": {"total_size": total}, "weight_map": weight_map}, indent=2))
    return n


def rezip64(src: Path, dst: Path):
    """Rewrite a torch.save zip in ZIP64 form, as torch (miniz) writes files over 4 GiB: central
    directory sizes and offsets set to 0xFFFFFFFF with the real values in the 0x0001 extra field,
    plus a ZIP64 end-of-central-directory record and locator. Small, so the test can cover it."""
    with zipfile.ZipFile(src) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    out, central = bytearray(), bytearray()
    for name, data in items:
        off, nb, crc = len(out), name.encode(), zlib.crc32(data)
        local_extra = struct.pack("<HHQQ", 1, 16, len(data), len(data))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(nb), len(local_extra))
        out += nb + local_extra + data
        extra = struct.pack("<HHQQQ", 1, 24, len(data), len(data), off)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                               len(nb), len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + nb + extra
    cd_off = len(out)
    out += central
    z64 = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(items), len(items), len(central), cd_off)
    out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    dst.write_bytes(bytes(out))


def disk_state_dict(model):
    """The tensors under the names save_pretrained writes (transformers 5 renames GPT-NeoX's embed_out
    to lm_head in memory and back on disk; real Pythia files say embed_out), as an OrderedDict that
    carries _metadata like a real state_dict(), so its pickle has the BUILD opcode."""
    with tempfile.TemporaryDirectory() as d:
        model.save_pretrained(d)
        on_disk = load_file(os.path.join(d, "model.safetensors"))
    sd = OrderedDict((k, on_disk[k]) for k in sorted(on_disk, key=lambda k: (k.startswith("embed_out"), k)))
    sd._metadata = model.state_dict()._metadata
    return sd


def tiny_neox(dtype):
    torch.manual_seed(1234)
    cfg = GPTNeoXConfig(vocab_size=64, hidden_size=16, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=32, max_position_embeddings=64, rotary_pct=0.5)
    model = GPTNeoXForCausalLM(cfg).eval()
    with torch.no_grad():  # random init has zero biases and unit norms: make every tensor distinct
        for p in model.parameters():
            p.normal_(0.0, 0.5)
    return cfg, model.to(dtype)


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    # fp32: torch.save(model.state_dict()), an OrderedDict carrying _metadata (pickle BUILD)
    d = OUT / "neox-fp32"; d.mkdir(parents=True)
    cfg, model = tiny_neox(torch.float32)
    model.config.architectures = ["GPTNeoXForCausalLM"]
    model.config.save_pretrained(d)
    sd = disk_state_dict(model)
    assert "embed_out.weight" in sd and hasattr(sd, "_metadata")
    torch.save(sd, d / "pytorch_model.bin")
    write_reference(d, sd)

    # fp16, sharded into several files with an index
    d = OUT / "neox-fp16-sharded"; d.mkdir(parents=True)
    cfg, model = tiny_neox(torch.float16)
    model.config.architectures = ["GPTNeoXForCausalLM"]
    model.config.save_pretrained(d)
    sd = disk_state_dict(model)
    n = save_sharded(d, sd, max_shard_bytes=6000)
    assert n >= 3, n
    write_reference(d, sd)

    # bf16, a plain dict in one file
    d = OUT / "neox-bf16"; d.mkdir(parents=True)
    cfg, model = tiny_neox(torch.bfloat16)
    model.config.architectures = ["GPTNeoXForCausalLM"]
    model.config.save_pretrained(d)
    sd = dict(disk_state_dict(model))
    torch.save(sd, d / "pytorch_model.bin")
    write_reference(d, sd)

    # storages shared between tensors, storage offsets, a transposed (non-contiguous) view, a 0-dim
    # scalar, a bool buffer (as in Pythia's old .bin files) and the legacy 'archive/' zip prefix
    d = OUT / "odd"; d.mkdir(parents=True)
    torch.manual_seed(7)
    base = torch.randn(4, 6)
    odd = {
        "base": base,
        "rows": base[1:3],
        "flat_tail": base.view(-1)[5:17],
        "transposed": base.t(),
        "strided": base[:, ::2],
        "scalar": torch.tensor(-1e9),
        "half": torch.randn(3, 5).half(),
        "mask": torch.tril(torch.ones(1, 1, 4, 4, dtype=torch.bool)),
        "bf16": torch.randn(7).bfloat16(),
        "f64": torch.randn(2, 2, dtype=torch.float64),
    }
    torch.save(odd, d / "archive")  # the zip prefix is the file stem: 'archive/' as torch < 2 wrote
    os.replace(d / "archive", d / "pytorch_model.bin")
    write_reference(d, odd)

    # the same archive in ZIP64 form (what shards over 4 GiB look like), checked with torch.load itself
    z = OUT / "odd-zip64"; z.mkdir(parents=True)
    rezip64(d / "pytorch_model.bin", z / "pytorch_model.bin")
    back = torch.load(z / "pytorch_model.bin", weights_only=True)
    assert all(torch.equal(back[k], v) for k, v in odd.items())
    shutil.copy(d / "reference.json", z / "reference.json")
    shutil.copy(d / "reference.f32", z / "reference.f32")
    for p in sorted(OUT.rglob("*")):
        if p.is_file():
            print(p.relative_to(OUT), p.stat().st_size)


if __name__ == "__main__":
    main()
