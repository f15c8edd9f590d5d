"""Loads the TorchScript archive elusive writes in Java (model/TorchScriptArchive, model/Sdpa) into a CUDA
torch and runs ITS methods in fp16 on the GPU: numerics against fp32 math and against the composed path as
Attention.apply computes it, the kernels picked, and ms per call. (sdpa_cuda_check.py beside it checks the
kernel rules with torch's own function; this one checks that the archive itself loads and runs there.)

  1. here: mvn -q -o compile && java -cp "target/classes:$(ls ~/.m2/repository/ai/djl/api/0.35.0/api-0.35.0.jar):$(ls ~/.m2/repository/ai/djl/pytorch/pytorch-engine/0.35.0/pytorch-engine-0.35.0.jar)" scripts/reference/DumpSdpa.java sdpa.pt
  2. on the GPU machine: python3 sdpa_archive_cuda_check.py sdpa.pt   (writes $OUT/sdpa_cuda.json)
As Sdpa.attend does, grouped kv heads are expanded to one per query head before the call.
"""
import sys, time, torch, json
torch.manual_seed(0)
dev = "cuda"
m = torch.jit.load(sys.argv[1], map_location=dev)
print("torch", torch.__version__, torch.cuda.get_device_name(0), flush=True)

def tree_mask(b, t, segs, dtype):
    # segment 0 shared prefix of len t//4; then `segs` segments; key visible if causal and (seg0 or same seg)
    seg = torch.zeros(t, dtype=torch.long)
    p = t // 4
    L = (t - p) // segs
    for s in range(segs):
        seg[p + s * L: p + (s + 1) * L if s < segs - 1 else t] = s + 1
    q = torch.arange(t)
    causal = q[None, :] <= q[:, None]
    allowed = causal & ((seg[None, :] == 0) | (seg[None, :] == seg[:, None]))
    add = torch.zeros(t, t, dtype=dtype).masked_fill(~allowed, float("-inf"))
    return add.expand(b, 1, t, t).contiguous().to(dev), allowed.to(dev)

def composed(q, k, v, allowed):
    # as Attention.apply: q*scale in compute dtype, matmul, fp32 scores + additive mask, softmax, back to dtype
    h, kv = q.shape[1], k.shape[1]
    rep = h // kv
    b, _, t, d = q.shape
    qs = (q * (1.0 / d ** 0.5)).reshape(b, kv, rep, t, d)
    ks = k.reshape(b, kv, 1, t, d); vs = v.reshape(b, kv, 1, t, d)
    add = (allowed.float() - 1) * 1e9
    scores = (qs @ ks.transpose(-1, -2)).float() + add[None, None, None] if add.dim() == 2 else None
    probs = scores.softmax(-1).to(q.dtype)
    return (probs @ vs).reshape(b, h, t, d)

def ref(q, k, v, allowed):
    h, kv = q.shape[1], k.shape[1]
    k = k.float().repeat_interleave(h // kv, 1); v = v.float().repeat_interleave(h // kv, 1)
    s = (q.float() @ k.transpose(-1, -2)) / q.shape[-1] ** 0.5
    s = s.masked_fill(~allowed, float("-inf"))
    return s.softmax(-1) @ v

def timeit(f, n=10):
    for _ in range(3): f()
    torch.cuda.synchronize()
    e0, e1 = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    e0.record()
    for _ in range(n): f()
    e1.record(); torch.cuda.synchronize()
    return e0.elapsed_time(e1) / n

def kernels(f):
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CUDA]) as p:
        f(); torch.cuda.synchronize()
    names = sorted({e.name for e in p.events() if e.device_type == torch.autograd.DeviceType.CUDA})
    return [n[:70] for n in names if any(s in n.lower() for s in ("fmha", "flash", "attention", "gemm", "softmax", "cutlass"))][:6]

out = []
for name, b, h, kv, t, d in [("pythia-160m", 8, 12, 12, 2048, 64), ("pythia-2.8b", 4, 32, 32, 2048, 80),
                             ("gqa-llama", 4, 32, 8, 2048, 128), ("short", 64, 12, 12, 256, 64)]:
    q = torch.randn(b, h, t, d, device=dev, dtype=torch.float16)
    k = torch.randn(b, kv, t, d, device=dev, dtype=torch.float16)
    v = torch.randn(b, kv, t, d, device=dev, dtype=torch.float16)
    add, allowed = tree_mask(b, t, 4, torch.float16)
    causal_allowed = torch.ones(t, t, dtype=torch.bool, device=dev).tril()
    ke, ve = k.repeat_interleave(h // kv, 1), v.repeat_interleave(h // kv, 1)   # as Sdpa.attend
    r_tree, r_causal = ref(q, k, v, allowed), ref(q, k, v, causal_allowed)
    f_tree = lambda: m.forward(q, ke, ve, add)
    f_causal = lambda: m.causal(q, ke, ve)
    c_tree = lambda: composed(q, k, v, allowed)
    row = dict(shape=name, b=b, h=h, kv=kv, t=t, d=d,
               err_sdpa_tree=(f_tree().float() - r_tree).abs().max().item(),
               err_sdpa_causal=(f_causal().float() - r_causal).abs().max().item(),
               err_composed_tree=(c_tree().float() - r_tree).abs().max().item(),
               ms_composed_tree=timeit(c_tree), ms_sdpa_tree=timeit(f_tree), ms_sdpa_causal=timeit(f_causal),
               kernels_tree=kernels(f_tree), kernels_causal=kernels(f_causal))
    print(json.dumps(row), flush=True)
    out.append(row)
    del q, k, v, add, allowed
    torch.cuda.empty_cache()
import os
json.dump(out, open(os.environ.get("OUT", "/tmp") + "/sdpa_cuda.json", "w"), indent=1)
