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
 * TorchScript module written by {@link TorchScriptArchive} and loaded once per JVM. libtorch picks
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
        IValue[] in = mask == null
                ? new IValue[] {tensor(q), tensor(allHeads(k, q)), tensor(allHeads(v, q))}
                : new IValue[] {tensor(q), tensor(allHeads(k, q)), tensor(allHeads(v, q)), tensor(mask)};
        try (IValue out = IValueUtils.runMethod(Module.INSTANCE, mask == null ? "causal" : "forward", in)) {
            return out.toTensor((PtNDManager) q.getManager());
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

    private static IValue tensor(NDArray a) { return IValue.from((PtNDArray) a); }
}
