"""CUDA check of the fused attention path (docs/attention.md), run on a GPU machine with a CUDA torch.

Loads the TorchScript archive elusive writes (org.elusive.model.Sdpa, dumped to a file) and checks, in fp16:
  - a mask in the form Transformer.fusedMask makes (additive 0/-inf in the compute dtype, row stride padded
    to 16) runs on the memory-efficient kernel alone, with no per-call pad copy, and matches the composed path;
  - plain causal (is_causal) runs on the flash kernel alone and matches;
  - grouped kv heads (enable_gqa) on each kernel;
  - speed of fused vs composed for rows of 512..4096 tokens.
Usage: python sdpa_cuda_check.py sdpa.pt
"""
import sys
import time

import torch
from torch.nn.attention import SDPBackend, sdpa_kernel

print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name())
m = torch.jit.load(sys.argv[1], map_location="cuda")
print("methods ok:", [n for n in ("forward", "causal") if hasattr(m, n)])
dt, dev = torch.float16, "cuda"


def composed(q, k, v, allowed):
    """elusive's reference: q * scale in fp16, fp16 matmul, fp32 scores + -1e9 mask, fp32 softmax."""
    rep = q.shape[1] // k.shape[1]
    b, h, t, d = q.shape
    q5 = (q * (1.0 / d ** 0.5)).reshape(b, k.shape[1], rep, t, d)
    s = (q5 @ k.unsqueeze(2).transpose(-1, -2)).float() + (allowed.float() - 1) * 1e9
    return (s.softmax(-1).to(q.dtype) @ v.unsqueeze(2)).reshape(b, h, t, d)


def block_allowed(b, t):
    seg = torch.arange(t, device=dev) // max(1, t // 4)
    causal = torch.arange(t, device=dev)[None, :] <= torch.arange(t, device=dev)[:, None]
    vis = (seg[None, :] == 0) | (seg[None, :] == seg[:, None])
    a = (vis & causal)[None].expand(b, t, t).clone()
    a[:, -3:, :] = False  # padding rows see only themselves (as Transformer.fusedMask makes them)
    a |= torch.eye(t, dtype=torch.bool, device=dev)
    return a[:, None]  # [b, 1, t, t]


def fused_mask(allowed):
    b, _, t, _ = allowed.shape
    p = (t + 15) // 16 * 16
    wide = torch.cat([allowed, torch.zeros(b, 1, t, p - t, dtype=torch.bool, device=dev)], -1)
    return wide.to(dt).log()[..., :t]


def run(kind, backend, *args):
    try:
        with sdpa_kernel([backend]):
            return getattr(m, kind)(*args)
    except RuntimeError as e:
        return "no kernel: " + str(e).splitlines()[0][:100]


torch.manual_seed(0)
for (h, kv) in ((12, 12), (8, 2)):
    for t in (100, 512, 1000):
        b, d = 2, 64
        q = torch.randn(b, h, t, d, device=dev, dtype=dt)
        k = torch.randn(b, kv, t, d, device=dev, dtype=dt)
        v = torch.randn(b, kv, t, d, device=dev, dtype=dt)
        a = block_allowed(b, t)
        ref = composed(q, k, v, a)
        mask = fused_mask(a)
        gqa = h != kv
        for name, be in (("efficient", SDPBackend.EFFICIENT_ATTENTION), ("flash", SDPBackend.FLASH_ATTENTION),
                         ("cudnn", SDPBackend.CUDNN_ATTENTION), ("math", SDPBackend.MATH)):
            out = run("forward", be, q, k, v, mask, gqa)
            msg = out if isinstance(out, str) else "max|diff| %.2e" % (out.float() - ref.float()).abs()[:, :, :-3].max()
            print(f"h={h} kv={kv} t={t} mask   {name:9s} {msg}")
        causal_ref = composed(q, k, v, torch.ones(t, t, dtype=torch.bool, device=dev).tril()[None, None])
        for name, be in (("flash", SDPBackend.FLASH_ATTENTION), ("efficient", SDPBackend.EFFICIENT_ATTENTION)):
            out = run("causal", be, q, k, v, gqa)
            msg = out if isinstance(out, str) else "max|diff| %.2e" % (out.float() - causal_ref.float()).abs().max()
            print(f"h={h} kv={kv} t={t} causal {name:9s} {msg}")

# which ops run for a masked call with t not a multiple of 16: padded stride (ours) vs a plain contiguous mask
t, b = 1000, 2
q = torch.randn(b, 12, t, 64, device=dev, dtype=dt)
k, v = torch.randn_like(q), torch.randn_like(q)
a = block_allowed(b, t)
for label, mask in (("padded-stride mask", fused_mask(a)), ("contiguous mask", fused_mask(a).contiguous()),
                    ("boolean mask", a)):
    m.forward(q, k, v, mask, False)
    torch.cuda.synchronize()
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU, torch.profiler.ProfilerActivity.CUDA]) as prof:
        m.forward(q, k, v, mask, False)
        torch.cuda.synchronize()
    names = sorted({e.name for e in prof.events() if e.name.startswith("aten::") or "fmha" in e.name or "flash" in e.name})
    print(label, "->", ", ".join(names)[:600])


def bench(fn, reps=10):
    fn()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(reps):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps * 1e3


print("ms per call, 12 heads x 64, 16384 tokens per batch, fp16: length  composed  fused-mask  fused-causal")
for t in (512, 1024, 2048, 4096):
    b = 16384 // t
    q = torch.randn(b, 12, t, 64, device=dev, dtype=dt)
    k, v = torch.randn_like(q), torch.randn_like(q)
    a = block_allowed(b, t)
    mask = fused_mask(a)
    print("%6d  %8.2f  %10.2f  %12.2f" % (t, bench(lambda: composed(q, k, v, a)),
                                           bench(lambda: m.forward(q, k, v, mask, False)),
                                           bench(lambda: m.causal(q, k, v, False))))
