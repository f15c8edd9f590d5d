package org.elusive.sloth;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.optim.Adam;

/**
 * Training on one fixed batch of replicas, from the host state of the blocks and back to it. Every
 * trained block of every replica in the batch lives in one flat vector, so Adam, the clamp and the
 * snapshot are a few ops per epoch; untrained blocks are constants. It trains until every run stopped,
 * the epoch cap, or until enough replicas finished that the batch should shrink (the finished ones
 * would otherwise be dragged along by the slow learning rates).
 */
final class Phase implements AutoCloseable {
    private final SlothProblem problem;
    private final SlothBlocks blocks;
    private final Runs runs;
    private final Adam adam;
    private final int[] replicas;
    private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
    private final Map<ParameterBlock, Integer> offsets = new IdentityHashMap<>();
    private final Map<ParameterBlock, NDArray> constants = new IdentityHashMap<>();
    private final PhaseData data;
    private final NDArray runOfElement, nonNegative, best;
    private final Adam.Slot params;

    Phase(SlothProblem problem, SlothBlocks blocks, Runs runs, Adam adam, int[] replicas) {
        this.problem = problem;
        this.blocks = blocks;
        this.runs = runs;
        this.adam = adam;
        this.replicas = replicas;
        this.data = new PhaseData(problem, replicas, manager, this::real);
        FlatVector flat = new FlatVector(blocks.all(), replicas, runs.units(), offsets);
        runOfElement = manager.create(flat.runOfElement);
        nonNegative = real(manager.create(flat.nonNegative));
        best = real(manager.create(flat.best));
        NDArray value = real(manager.create(flat.value));
        value.setRequiresGradient(true);
        params = new Adam.Slot(value, real(manager.create(flat.first)), real(manager.create(flat.second)), false);
        for (ParameterBlock b : blocks.all()) if (!b.trained) constants.put(b, real(manager.create(flat.constant(b))).reshape(b.shape(replicas.length)));
    }

    /** Trains, reporting each epoch to {@code listener} (this is the {@code batch}-th batch of the fit). */
    void train(SlothTrainer.Listener listener, int batch, long startNanos) {
        int liveReplicas = replicas.length;
        while (runs.live() > 0 && runs.epoch() < problem.options().maxEpochs() && !shouldShrink(liveReplicas)) {
            listener.epoch(new SlothTrainer.Progress(problem.spec(), runs.epoch(), runs.live(), replicas.length, batch,
                    (System.nanoTime() - startNanos) / 1e9));
            liveReplicas = epoch();
        }
        unpack();
    }

    private boolean shouldShrink(int liveReplicas) {
        return liveReplicas <= 0.6 * replicas.length && replicas.length - liveReplicas >= 2;
    }

    /** One full-batch step of every run; returns how many replicas still have a live run. */
    private int epoch() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            SlothLoss.PerRun loss = lossAndGradient();
            double[] lossHost = host(loss.loss()), maeHost = host(loss.mae());
            adam.step(List.of(params), perElement(learningRates()));
            NDArray value = params.value();
            if (problem.monotone()) value.subi(value.minimum(0f).mul(nonNegative));
            runs.nextEpoch();
            float[] improved = new float[replicas.length * runs.units()];
            int liveReplicas = observe(lossHost, maeHost, improved);
            if (anySet(improved)) {
                // like fitFR, the snapshot holds the parameters after this step's update
                NDArray keep = perElement(improved);
                best.muli(keep.neg().add(1f)).addi(value.mul(keep));
            }
            return liveReplicas;
        }
    }

    private SlothLoss.PerRun lossAndGradient() {
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray yhat = blocks.network(this::view, problem.spec().perBenchmark()).predict(data.x(), data.d());
            SlothLoss.PerRun loss = SlothLoss.of(yhat, data.y(), data.rowMask(), data.rowCount(), runs.units());
            gc.backward(loss.loss().sum());
            return loss;
        }
    }

    /** A block's tensor for this batch: its slice of the flat vector (autograd tracks it), or its constant. */
    private NDArray view(ParameterBlock b) {
        if (!b.trained) return constants.get(b);
        int offset = offsets.get(b);
        return params.value().get(new NDIndex("{}:{}", offset, offset + replicas.length * b.size)).reshape(b.shape(replicas.length));
    }

    /** Per run of the batch (replica-major), this epoch's learning rate. */
    private float[] learningRates() {
        float[] out = new float[replicas.length * runs.units()];
        for (int i = 0; i < replicas.length; i++)
            for (int u = 0; u < runs.units(); u++) out[i * runs.units() + u] = runs.learningRate(replicas[i] * runs.units() + u);
        return out;
    }

    /** Feeds each live run its loss and MAE, marking the runs that improved; returns the replicas still live. */
    private int observe(double[] loss, double[] mae, float[] improved) {
        int units = runs.units(), liveReplicas = 0;
        for (int i = 0; i < replicas.length; i++) {
            boolean replicaLive = false;
            for (int u = 0; u < units; u++) {
                int run = replicas[i] * units + u, local = i * units + u;
                if (runs.stopped(run)) continue;
                if (runs.observe(run, loss[local], mae[local])) improved[local] = 1;
                replicaLive |= !runs.stopped(run);
            }
            if (replicaLive) liveReplicas++;
        }
        return liveReplicas;
    }

    private static boolean anySet(float[] flags) {
        for (float f : flags) if (f != 0) return true;
        return false;
    }

    /** A per-run value spread over the elements of the flat vector. */
    private NDArray perElement(float[] perRun) { return real(manager.create(perRun)).get(runOfElement); }

    private void unpack() {
        FlatVector.unpack(blocks.all(), replicas, offsets, host(params.value()), host(params.first()), host(params.second()), host(best));
    }

    /** The working dtype: float32 as the paper's torch code, or float64 (a check of summation order). */
    private NDArray real(NDArray a) {
        DataType want = problem.options().float64() ? DataType.FLOAT64 : DataType.FLOAT32;
        return a.getDataType() == want ? a : a.toType(want, false);
    }

    private static double[] host(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) return a.toDoubleArray();
        float[] f = a.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    @Override public void close() { manager.close(); }

    /** The data of a batch: x, d, y shared, and per replica the mask of its training rows and their count. */
    private record PhaseData(NDArray x, NDArray d, NDArray y, NDArray rowMask, NDArray rowCount) {
        PhaseData(SlothProblem problem, int[] replicas, NDManager m, java.util.function.UnaryOperator<NDArray> real) {
            this(real.apply(m.create(problem.x())), real.apply(m.create(problem.d())), real.apply(m.create(problem.y())),
                    real.apply(m.create(rowMask(problem, replicas))).reshape(replicas.length, problem.rows(), 1),
                    real.apply(m.create(rowCount(problem, replicas))).reshape(replicas.length, 1));
        }

        private static float[] rowMask(SlothProblem problem, int[] replicas) {
            int n = problem.rows();
            float[] mask = new float[replicas.length * n];
            for (int i = 0; i < replicas.length; i++) {
                boolean[] rows = problem.train()[replicas[i] / problem.learningRates()];
                for (int row = 0; row < n; row++) if (rows[row]) mask[i * n + row] = 1;
            }
            return mask;
        }

        private static float[] rowCount(SlothProblem problem, int[] replicas) {
            float[] count = new float[replicas.length];
            for (int i = 0; i < replicas.length; i++)
                for (boolean row : problem.train()[replicas[i] / problem.learningRates()]) if (row) count[i]++;
            return count;
        }
    }
}
