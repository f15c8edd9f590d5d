package org.elusive.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared optimiser against the textbook formulas, computed here in double precision. */
class OptimTest {
    private static final float[] START = {1f, -2f, 0.5f};
    private static final float[] WEIGHTS = {0.5f, -3f, 2f};

    /** Gradient of Σ w·p² at p: 2·w·p. */
    private static void backward(NDArray p, NDArray w) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.square().mul(w).sum());
        }
    }

    /** Adam(W) on Σ w·p² for {@code steps} steps, in double: the reference. */
    private static double[] reference(Adam.Hyper h, double lr, int steps, boolean decays) {
        double[] p = new double[START.length], m = new double[p.length], v = new double[p.length];
        for (int i = 0; i < p.length; i++) p[i] = START[i];
        for (int t = 1; t <= steps; t++)
            for (int i = 0; i < p.length; i++) {
                double g = 2 * WEIGHTS[i] * p[i];
                m[i] = h.beta1() * m[i] + (1 - h.beta1()) * g;
                v[i] = h.beta2() * v[i] + (1 - h.beta2()) * g * g;
                double update = m[i] / (1 - Math.pow(h.beta1(), t)) / (Math.sqrt(v[i] / (1 - Math.pow(h.beta2(), t))) + h.eps());
                if (decays) update += h.weightDecay() * p[i];
                p[i] -= lr * update;
            }
        return p;
    }

    private static double[] train(Adam.Hyper h, double lr, int steps, boolean decays) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(START.clone()), w = m.create(WEIGHTS);
            p.setRequiresGradient(true);
            Adam adam = new Adam(h);
            List<Adam.Slot> slots = List.of(Adam.Slot.zeros(p, decays));
            for (int t = 0; t < steps; t++) {
                backward(p, w);
                adam.step(slots, lr);
                assertArrayEquals(new float[3], p.getGradient().toFloatArray(), 0f, "the step clears the gradient");
            }
            assertEquals(steps, adam.steps());
            float[] f = p.toFloatArray();
            return new double[] {f[0], f[1], f[2]};
        }
    }

    @Test void adamFollowsTheFormula() {
        Adam.Hyper torch = Adam.Hyper.torchDefaults();
        assertArrayEquals(reference(torch, 0.1, 7, false), train(torch, 0.1, 7, false), 1e-5);
        // decoupled weight decay, on the tensors that decay only
        Adam.Hyper adamW = new Adam.Hyper(0.9, 0.95, 1e-8, 0.1);
        assertArrayEquals(reference(adamW, 0.05, 7, true), train(adamW, 0.05, 7, true), 1e-5);
        assertArrayEquals(reference(adamW, 0.05, 7, false), train(adamW, 0.05, 7, false), 1e-5);
        assertTrue(Math.abs(reference(adamW, 0.05, 7, true)[1] - reference(adamW, 0.05, 7, false)[1]) > 1e-3, "decay matters here");
    }

    @Test void plateauSchedulerLowersTheRateAfterPatienceBadEpochs() {
        PlateauScheduler s = new PlateauScheduler(0.1, 0.5, 2);
        s.observe(1.0);
        s.observe(0.99995); // within the 1e-4 relative threshold: a bad epoch
        s.observe(1.0);
        assertEquals(0.1, s.learningRate());
        s.observe(1.0); // third bad epoch > patience 2
        assertEquals(0.05, s.learningRate());
        s.observe(0.5); // an improvement resets the count
        s.observe(0.5);
        s.observe(0.5);
        assertEquals(0.05, s.learningRate());
        PlateauScheduler tiny = new PlateauScheduler(1.5e-8, 0.5, 0);
        tiny.observe(1);
        tiny.observe(1);
        assertEquals(1.5e-8, tiny.learningRate(), "changes under 1e-8 are skipped");
    }

    @Test void earlyStoppingCountsEpochsWithoutAnImprovementBeyondTheTolerance() {
        EarlyStopping e = new EarlyStopping(3, 0.01);
        assertTrue(e.observe(1.0));
        assertFalse(e.observe(0.995)); // not better by more than 0.01
        assertTrue(e.observe(0.98));
        assertFalse(e.observe(0.98));
        assertFalse(e.observe(0.98));
        assertFalse(e.stopped());
        assertFalse(e.observe(0.98));
        assertTrue(e.stopped());
        assertEquals(0.98, e.best());
    }

    @Test void clippingScalesToTheMaximumNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1.5f}), b = m.create(new float[] {2f});
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(a.square().add(b.square())); // gradients 3 and 4: norm 5
            }
            assertEquals(5, GradientClipping.clipGlobalNorm(List.of(a, b), 1), 1e-6);
            assertEquals(0.6, a.getGradient().getFloat(), 1e-6);
            assertEquals(0.8, b.getGradient().getFloat(), 1e-6);
            assertEquals(1, GradientClipping.clipGlobalNorm(List.of(a, b), 2), 1e-6, "below the maximum: unchanged");
            assertEquals(0.6, a.getGradient().getFloat(), 1e-6);
            a.getGradient().muli(Float.NaN);
            assertThrows(IllegalStateException.class, () -> GradientClipping.clipGlobalNorm(List.of(a, b), 1));
        }
    }
}
