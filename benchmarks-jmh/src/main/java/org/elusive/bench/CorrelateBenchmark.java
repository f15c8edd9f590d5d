package org.elusive.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.Method;
import org.elusive.correlate.ScoreMatrix;
import org.elusive.transform.Score;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The correlation engine at the scale of a Pythia sweep: docs × 150 checkpoints × 9 scores ×
 * 3 methods (pearson, spearman, kendall with p-values). Continuous scores drift with compute plus
 * noise; acc / acc_norm are 0/1 (heavy ties: Kendall's normal approximation with tie corrections).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class CorrelateBenchmark {
    @Param({"100000"})
    int docs;

    @Param({"150"})
    int checkpoints;

    ScoreMatrix matrix;

    @Setup
    public void setup() {
        List<Score> scores = Score.DEFAULTS;
        String[] labels = new String[checkpoints];
        double[] x = new double[checkpoints];
        for (int j = 0; j < checkpoints; j++) {
            labels[j] = "pythia-160m@step" + (j + 1) * 1000;
            x[j] = Math.log10(6 * 160e6 * (j + 1) * 1000 * 2_097_152.0);
        }
        long[] ids = new long[docs];
        boolean[] present = new boolean[docs * checkpoints];
        java.util.Arrays.fill(present, true);
        double[][] values = new double[scores.size()][docs * checkpoints];
        SplittableRandom rng = new SplittableRandom(42);
        for (int d = 0; d < docs; d++) {
            ids[d] = d;
            double slope = rng.nextGaussian() * 0.5, level = -5 + rng.nextGaussian();
            for (int j = 0; j < checkpoints; j++) {
                int cell = d * checkpoints + j;
                double t = j / (double) checkpoints;
                for (int s = 0; s < scores.size(); s++) {
                    Score score = scores.get(s);
                    values[s][cell] = score == Score.ACC || score == Score.ACC_NORM
                            ? (rng.nextDouble() < 0.25 + 0.5 * t * Math.abs(slope) ? 1 : 0)
                            : level + slope * t * (s + 1) + 0.3 * rng.nextGaussian();
                }
            }
        }
        matrix = new ScoreMatrix("pythia", "arc_easy", labels, x, ids, scores, values, present);
    }

    private long cpuAtStart;

    /**
     * JMH times wall-clock; on a shared machine that mostly measures the neighbours. The process CPU
     * seconds each iteration used are printed too: divided by the cores, they are the wall time the
     * iteration would take with the cores to itself.
     */
    @Setup(Level.Iteration)
    public void startCpu() { cpuAtStart = processCpuNanos(); }

    @TearDown(Level.Iteration)
    public void reportCpu() {
        System.out.printf("  [process CPU: %.1f s for this iteration, %d cores]%n", (processCpuNanos() - cpuAtStart) / 1e9,
                Runtime.getRuntime().availableProcessors());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** All 100k × 9 × 3 correlations and p-values, as arrays. */
    @Benchmark
    public Correlations.Result correlateAll() {
        return Correlations.correlate(matrix, Method.ALL);
    }
}
