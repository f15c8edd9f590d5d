"""CUDA check of the fused attention path's choices (docs/attention.md), for a GPU machine with a CUDA torch.

elusive calls aten::scaled_dot_product_attention through a TorchScript module (org.elusive.model.Sdpa);
the op, its kernels and their rules are the same when called from Python, which is what this checks, in fp16:
  - the mask form Transformer.fusedMask makes (additive 0/-inf in the compute dtype, row stride padded to 16,
    every row seeing at least itself) against the composed path, on each backend alone;
  - plain causal (is_causal) on each backend alone;
  - grouped kv heads with enable_gqa: which kernels take them (why Sdpa expands k and v instead);
  - the ops a masked call runs for a padded-stride, a contiguous and a boolean mask;
  - ms per call, composed vs fused, rows of 512..4096 tokens, 16,384 tokens per batch, 12 heads of 64.
Usage: python sdpa_cuda_check.py
"""
import time

import torch
from torch.nn.attention import SDPBackend, sdpa_kernel

F = torch.nn.functional.scaled_dot_product_attention
dev, dt = "cuda", torch.float16
print(torch.__version__, torch.cuda.get_device_name())


def composed(q, k, v, allowed):
    """elusive's reference: q * scale and matmul in fp16, fp32 scores + (allowed - 1) * 1e9, fp32 softmax."""
    b, h, t, e = q.shape
    rep = h // k.shape[1]
    q5 = (q * e ** -0.5).reshape(b, k.shape[1], rep, t, e)
    s = (q5 @ k.unsqueeze(2).transpose(-1, -2)).float() + (allowed.float().unsqueeze(-3) - 1) * 1e9
    return (s.softmax(-1).to(q.dtype) @ v.unsqueeze(2)).reshape(b, h, t, e)


def block_allowed(b, t):
    """[b, 1, t, t]: 4 segments, later ones see the first, causal; the last 3 rows padding (themselves only)."""
    i = torch.arange(t, device=dev)
    seg = i // max(1, t // 4)
    a = ((seg[None] == 0) | (seg[None] == seg[:, None])) & (i[None] <= i[:, None])
    a = a[None].expand(b, t, t).clone()
    a[:, -3:] = False
    a |= torch.eye(t, dtype=torch.bool, device=dev)
    return a[:, None]


def fused_mask(a):
    b, _, t, _ = a.shape
    p = (t + 15) // 16 * 16
    return torch.cat([a, torch.zeros(b, 1, t, p - t, dtype=torch.bool, device=dev)], -1).to(dt).log()[..., :t]


def on(backend, *args, **kw):
    try:
        with sdpa_kernel([backend]):
            return F(*args, **kw)
    except RuntimeError as e:
        return str(e).splitlines()[0][:60]


def diff(out, ref):
    return out if isinstance(out, str) else "%.1e" % (out - ref).float().abs()[:, :, :-3].max()


torch.manual_seed(0)
for h, kv in ((12, 12), (8, 2)):
    for t in (100, 1000):
        q = torch.randn(2, h, t, 64, device=dev, dtype=dt)
        k = torch.randn(2, kv, t, 64, device=dev, dtype=dt)
        v = torch.randn_like(k)
        a = block_allowed(2, t)
        ref = composed(q, k, v, a)
        causal_ref = composed(q, k, v, torch.ones(t, t, device=dev, dtype=torch.bool).tril()[None, None])
        for be in (SDPBackend.EFFICIENT_ATTENTION, SDPBackend.FLASH_ATTENTION, SDPBackend.CUDNN_ATTENTION, SDPBackend.MATH):
            masked = on(be, q, k, v, fused_mask(a), enable_gqa=h != kv)
            causal = on(be, q, k, v, is_causal=True, enable_gqa=h != kv)
            print(h, kv, t, be.name, "mask", diff(masked, ref), "causal", diff(causal, causal_ref))

t = 1000
q = torch.randn(2, 12, t, 64, device=dev, dtype=dt)
k, v = torch.randn_like(q), torch.randn_like(q)
a = block_allowed(2, t)
for name, mask in (("padded", fused_mask(a)), ("contiguous", fused_mask(a).contiguous()), ("boolean", a)):
    F(q, k, v, mask)
    torch.cuda.synchronize()
    with torch.profiler.profile() as prof:
        F(q, k, v, mask)
        torch.cuda.synchronize()
    print(name, sorted({e.name for e in prof.events() if "aten::" in e.name or "fmha" in e.name})[:12])


def ms(fn, reps=10):
    fn()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(reps):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / reps * 1e3


for t in (512, 1024, 2048, 4096):
    b = 16384 // t
    q = torch.randn(b, 12, t, 64, device=dev, dtype=dt)
    k, v = torch.randn_like(q), torch.randn_like(q)
    a = block_allowed(b, t)
    mask = fused_mask(a)
    print(t, "ms composed %.2f mask %.2f causal %.2f" % (ms(lambda: composed(q, k, v, a)), ms(lambda: F(q, k, v, mask)),
                                                        ms(lambda: F(q, k, v, is_causal=True))))
