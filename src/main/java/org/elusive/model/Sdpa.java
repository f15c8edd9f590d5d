package org.elusive.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code torch.nn.functional.scaled_dot_product_attention}, which DJL does not expose, through a
 * TorchScript module written by {@link TorchScriptArchive} and loaded once per JVM (with, for rows
 * after a cached prefix on CPU, {@link #attendAfter}). libtorch picks
 * the kernel: flash attention on CPU (fp32, boolean or additive mask, or is_causal); on CUDA flash for
 * is_causal and memory-efficient (or cuDNN) attention for an additive mask in the compute dtype.
 *
 * <p>Calls run without autograd (DJL runs TorchScript methods under a no-grad guard), so training
 * must use the composed path: {@link AttentionPath#fused} sees to it.
 */
final class Sdpa {
    private Sdpa() {}

    /** Serialized TorchScript, as torch.jit.save would write the class. */
    private static final String SOURCE = """
            class Sdpa(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Sdpa,
                q: Tensor,
                k: Tensor,
                v: Tensor,
                mask: Tensor) -> Tensor:
                return torch.scaled_dot_product_attention(q, k, v, mask)
              def causal(self: __torch__.Sdpa,
                q: Tensor,
                k: Tensor,
                v: Tensor) -> Tensor:
                return torch.scaled_dot_product_attention(q, k, v, None, 0., True)
              def prefixed(self: __torch__.Sdpa,
                q: Tensor,
                pk: Tensor,
                pv: Tensor,
                k: Tensor,
                v: Tensor,
                mask: Tensor) -> Tensor:
                o2, l2 = torch._scaled_dot_product_flash_attention_for_cpu(q, k, v, 0., False, attn_mask=mask)
                return self.merged(q, pk, pv, o2, l2)
              def prefixedCausal(self: __torch__.Sdpa,
                q: Tensor,
                pk: Tensor,
                pv: Tensor,
                k: Tensor,
                v: Tensor) -> Tensor:
                o2, l2 = torch._scaled_dot_product_flash_attention_for_cpu(q, k, v, 0., True)
                return self.merged(q, pk, pv, o2, l2)
              def merged(self: __torch__.Sdpa,
                q: Tensor,
                pk: Tensor,
                pv: Tensor,
                o2: Tensor,
                l2: Tensor) -> Tensor:
                b = torch.size(q, 0)
                h = torch.size(q, 1)
                t = torch.size(q, 2)
                d = torch.size(q, 3)
                flat = torch.reshape(torch.transpose(q, 0, 1), [1, h, torch.mul(b, t), d])
                o1, l1 = torch._scaled_dot_product_flash_attention_for_cpu(flat, pk, pv)
                l1 = torch.transpose(torch.reshape(l1, [h, b, t]), 0, 1)
                w1 = torch.unsqueeze(torch.sigmoid(torch.sub(l1, l2)), -1)
                o1 = torch.transpose(torch.reshape(o1, [h, b, t, d]), 0, 1)
                return torch.lerp(o2, o1, w1.to(o2.dtype))
            """;

    /** Holder idiom: the module is compiled on first use only, so runs that never take this path pay nothing. */
    private static final class Module {
        static final PtSymbolBlock INSTANCE = load();

        private static PtSymbolBlock load() {
            // the module has no tensors, so its manager's device does not matter; it lives as long as the JVM
            PtNDManager m = (PtNDManager) NDManager.newBaseManager(Device.cpu(), "PyTorch");
            byte[] pt = TorchScriptArchive.write("Sdpa", SOURCE);
            try {
                return JniUtils.loadModule(m, new ByteArrayInputStream(pt), false, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // read from memory: cannot happen
            }
        }
    }

    /**
     * @param q    [b, heads, t, d]
     * @param k    [b, kvHeads, s, d], heads a multiple of kvHeads (s = t, or a prefix's keys then the row's)
     * @param v    like k
     * @param mask [b, 1, t, s] additive in q's dtype (0 = may attend, -inf = may not), every row with
     *             at least one 0, or null for plain causal (is_causal)
     * @return [b, heads, t, d] in q's dtype, on q's manager
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
        return mask == null
                ? run("causal", q, allHeads(k, q), allHeads(v, q))
                : run("forward", q, allHeads(k, q), allHeads(v, q), mask);
    }

    /**
     * Attention of rows that continue a shared prefix, on CPU, without copying the prefix into every
     * row: all b·t row queries against the prefix's keys in one dense flash call (the rows' queries
     * as one long sequence), the same queries against the row's own keys in a second (masked or
     * causal), the two joined by their log-sum-exps: o = o₁·e^(l₁−l) + o₂·e^(l₂−l) with l = logaddexp(l₁, l₂),
     * that is o₂ + σ(l₁ − l₂)·(o₁ − o₂), one lerp pass: softmax over the concatenated keys up to float
     * rounding (PrefixCacheTest). Why: the
     * concatenated route broadcasts the prefix to every row and then runs flash over short, masked
     * query blocks; measured on the 2-core CPU at MMLU 5-shot shapes (a 600-token prefix, 16 rows of
     * 256 or 32 of 128 tokens, min of 18 interleaved runs, libtorch 2.7.1) one layer's attention took
     * 74–75 ms this way against 92–111 ms. CPU only: the kernel that returns log-sum-exps is libtorch's
     * CPU flash attention; CUDA keeps the concatenated route ({@link Transformer}).
     *
     * @param q    [b, heads, t, d]
     * @param pk   the prefix's keys [1, kvHeads, P, d]
     * @param pv   its values, like pk
     * @param k    the rows' own keys [b, kvHeads, t, d]
     * @param v    like k
     * @param mask [b, 1, t, t] additive over the rows' own keys, every query with at least one 0, or null for causal
     * @return [b, heads, t, d] in q's dtype, on q's manager
     */
    static NDArray attendAfter(NDArray q, NDArray pk, NDArray pv, NDArray k, NDArray v, NDArray mask) {
        return mask == null
                ? run("prefixedCausal", q, allHeads(pk, q), allHeads(pv, q), allHeads(k, q), allHeads(v, q))
                : run("prefixed", q, allHeads(pk, q), allHeads(pv, q), allHeads(k, q), allHeads(v, q), mask);
    }

    /** One method of the module on {@code args} (the first is q); the result lives on q's manager. */
    private static NDArray run(String method, NDArray... args) {
        IValue[] in = new IValue[args.length];
        for (int i = 0; i < args.length; i++) in[i] = IValue.from((PtNDArray) args[i]);
        try (IValue out = IValueUtils.runMethod(Module.INSTANCE, method, in)) {
            return out.toTensor((PtNDManager) args[0].getManager());
        } finally {
            for (IValue i : in) i.close();
        }
    }

    /**
     * Grouped kv heads repeated to one per query head (head i reads kv head i / rep, as transformers'
     * repeat_kv). Why not enable_gqa: the memory-efficient CUDA kernel, the one that takes a mask,
     * refuses grouped heads, and the copy costs O(t) against attention's O(t^2).
     */
    private static NDArray allHeads(NDArray kv, NDArray q) {
        Shape s = kv.getShape();
        long b = s.get(0), groups = s.get(1), t = s.get(2), d = s.get(3), heads = q.getShape().get(1);
        if (groups == heads) return kv;
        return kv.reshape(b, groups, 1, t, d).broadcast(b, groups, heads / groups, t, d).reshape(b, heads, t, d);
    }
}
