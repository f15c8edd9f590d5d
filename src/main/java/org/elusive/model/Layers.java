package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import java.util.Arrays;

/**
 * The building blocks of the transformer, as pure NDArray functions so that DJL's autograd can train
 * through them (the demo does). Reductions that lose precision in fp16 (norm statistics, softmax) run in fp32.
 */
public final class Layers {
    private Layers() {}

    /** A dense layer. HF nn.Linear stores weight [out, in]; GPT-2's Conv1D stores [in, out] ({@code inOut}). */
    public record Linear(NDArray weight, NDArray bias, boolean inOut) {
        public static Linear of(NDArray weight, NDArray bias) { return new Linear(weight, bias, false); }

        public NDArray apply(NDArray x) {
            if (!inOut) return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
            NDArray y = x.matMul(weight);
            return bias == null ? y : y.add(bias);
        }
    }

    public enum NormKind { LAYER, LAYER_NO_PARAMS, RMS }

    /** LayerNorm (with or without affine parameters) or RMSNorm over the last axis. */
    public record Norm(NormKind kind, NDArray weight, NDArray bias, float eps) {
        public NDArray apply(NDArray x) {
            DataType dt = x.getDataType();
            return switch (kind) {
                case LAYER -> LayerNorm.layerNorm(x, new Shape(x.getShape().tail()), weight, bias, eps).singletonOrThrow();
                case LAYER_NO_PARAMS -> {
                    // OLMo-1: F.layer_norm in fp32 without weight or bias
                    NDArray f = x.toType(DataType.FLOAT32, false);
                    NDArray centered = f.sub(f.mean(new int[] {-1}, true));
                    NDArray var = centered.square().mean(new int[] {-1}, true);
                    yield centered.div(var.add(eps).sqrt()).toType(dt, false);
                }
                case RMS -> {
                    // as HF's Llama/OLMo-2 RMSNorm: statistics in fp32, scale by the weight
                    NDArray f = x.toType(DataType.FLOAT32, false);
                    NDArray normed = f.div(f.square().mean(new int[] {-1}, true).add(eps).sqrt());
                    yield normed.toType(dt, false).mul(weight);
                }
            };
        }
    }

    public enum Act { GELU, GELU_TANH, SILU, RELU }

    public static Act act(String hfName, String where) {
        return switch (hfName) {
            case "gelu" -> Act.GELU;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> Act.GELU_TANH;
            case "silu", "swish" -> Act.SILU;
            case "relu" -> Act.RELU;
            default -> throw new org.elusive.core.BadInputException(where + ": unsupported activation '" + hfName
                    + "' (expected gelu, gelu_new, gelu_pytorch_tanh, silu or relu)");
        };
    }

    public static NDArray activate(Act act, NDArray x) {
        return switch (act) {
            case GELU -> Activation.gelu(x);
            case GELU_TANH -> {
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), GPT-2's gelu_new
                NDArray inner = x.add(x.pow(Scalars.of(x, 3)).mul(Scalars.of(x, 0.044715f))).mul(Scalars.of(x, (float) Math.sqrt(2 / Math.PI)));
                yield x.mul(inner.tanh().add(1f)).mul(Scalars.of(x, 0.5f));
            }
            case SILU -> x.mul(Activation.sigmoid(x));
            case RELU -> Activation.relu(x);
        };
    }

    /** Feed-forward: down(act(up x)) or, with a gate, down(act(gate x) * up x) (SwiGLU). */
    public record Mlp(Linear up, Linear gate, Linear down, Act act) {
        public NDArray apply(NDArray x) {
            NDArray h = gate == null ? activate(act, up.apply(x)) : activate(act, gate.apply(x)).mul(up.apply(x));
            return down.apply(h);
        }
    }

    /** Identity when the norm is absent. */
    static NDArray norm(Norm n, NDArray x) { return n == null ? x : n.apply(x); }

    /**
     * Row r's entries at positions {@code index[r][j]} along {@code axis}: x [b, …, t, …] (or [1, …],
     * shared by every row), index int64 [b, s] → [b, …, s, …]. How the last layer keeps only the
     * positions a caller reads ({@link CausalLM#hiddenAt}).
     */
    static NDArray take(NDArray x, int axis, NDArray index) {
        long b = index.getShape().get(0), s = index.getShape().get(1);
        long[] dims = x.getShape().getShape().clone();
        dims[0] = b;
        if (x.getShape().get(0) != b) x = x.broadcast(new Shape(dims));
        long[] at = new long[dims.length];
        Arrays.fill(at, 1);
        at[0] = b;
        at[axis] = s;
        dims[axis] = s;
        return x.gather(index.reshape(new Shape(at)).broadcast(new Shape(dims)), axis);
    }
}
