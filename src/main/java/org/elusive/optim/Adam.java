package org.elusive.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with optional decoupled weight decay (AdamW, Loshchilov &amp; Hutter 2019),
 * over NDArrays that carry their own gradients. Kept here rather than taken from DJL's optimizers
 * because those key their state by parameter id and expect a Block; the demo trains a plain
 * parameter map. (Sloth's fits are too small for tensors: they run Adam over double arrays, sloth.SlothRun.)
 *
 * <p>Every hyper-parameter enters the arithmetic as a FLOAT32 scalar, as torch's Adam does for the
 * float32 tensors it is used on: for float32 parameters this is exactly what the double would be
 * rounded to anyway. The optimiser runs outside autograd, so {@code Number}
 * operands are safe here (see {@code model.Scalars}).
 */
public final class Adam {

    /** The hyper-parameters; {@code weightDecay} is decoupled (AdamW) and 0 turns it off. */
    public record Hyper(double beta1, double beta2, double eps, double weightDecay) {
        /** torch.optim.Adam's defaults. */
        public static Hyper torchDefaults() { return new Hyper(0.9, 0.999, 1e-8, 0); }
    }

    /**
     * One trained tensor with its first and second moment estimates. {@code decays}: whether the
     * weight decay applies to it (the demo, as GPT-NeoX, spares biases and norms).
     */
    public record Slot(NDArray value, NDArray first, NDArray second, boolean decays) {
        /** A slot whose moments start at zero, on the value's manager. */
        public static Slot zeros(NDArray value, boolean decays) {
            return new Slot(value, value.zerosLike(), value.zerosLike(), decays);
        }
    }

    private final Hyper hyper;
    private int steps;

    public Adam(Hyper hyper) { this.hyper = hyper; }

    /** Steps taken so far (the t of the bias corrections). */
    public int steps() { return steps; }

    /** One update of every slot with learning rate {@code lr}, from the gradients left by the last backward pass. */
    public void step(List<Slot> slots, double lr) {
        float rate = (float) lr;
        steps++;
        float b1 = (float) hyper.beta1(), b2 = (float) hyper.beta2();
        float c1 = (float) (1 - Math.pow(hyper.beta1(), steps)), c2 = (float) (1 - Math.pow(hyper.beta2(), steps));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Slot s : slots) {
                NDArray g = s.value().getGradient();
                s.first().muli(b1).addi(g.mul((float) (1 - hyper.beta1())));
                s.second().muli(b2).addi(g.square().mul((float) (1 - hyper.beta2())));
                NDArray update = s.first().div(c1).div(s.second().div(c2).sqrt().add((float) hyper.eps()));
                if (s.decays() && hyper.weightDecay() != 0) update = update.add(s.value().mul((float) hyper.weightDecay()));
                s.value().subi(update.mul(rate));
                g.muli(0); // libtorch accumulates into .grad across backward passes: clear it for the next one
            }
        }
    }
}
