package org.elusive.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.Method;
import org.elusive.store.ScoreGroups;
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
 * Issue 19 at full scale: {@code correlate} on a scores table of tasks × checkpoints × docs rows on
 * disk (default 8 × 1,232 × 2,030 = 20.0 M rows: Pythia's 8 sizes × 154 checkpoints on MMLU-sized
 * subtasks) in a 2 GB heap. Each (family, task) is read from the Parquet file and correlated on its
 * own, so the heap holds one group's matrices (2.5 M cells × 9 scores here), never the 20 M rows.
 * Each iteration prints the process CPU it used and the peak heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class CorrelateScaleBenchmark {
    @Param({"8"}) int tasks;
    @Param({"1232"}) int checkpoints;
    @Param({"2030"}) int docs;

    Path table;

    @Setup
    public void write() throws IOException, SQLException {
        table = Files.createTempFile("scores-", ".parquet");
        SyntheticScores.write(table, tasks, checkpoints, docs);
        System.out.printf("  [%,d score rows, %.0f MB of Parquet]%n", (long) tasks * checkpoints * docs, Files.size(table) / 1e6);
    }

    @TearDown
    public void delete() throws IOException { Files.deleteIfExists(table); }

    private long cpuAtStart;

    @Setup(Level.Iteration)
    public void startCpu() {
        cpuAtStart = processCpuNanos();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    @TearDown(Level.Iteration)
    public void report() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf("  [process CPU: %.1f s, %d cores; peak heap %.0f MB of %.0f MB]%n",
                (processCpuNanos() - cpuAtStart) / 1e9, Runtime.getRuntime().availableProcessors(), peak / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Every correlation of the table (9 scores × 3 methods per doc), one (family, task) at a time. */
    @Benchmark
    public int correlateTable() {
        try (ScoreGroups groups = ScoreGroups.open(table)) {
            return Correlations.compute(groups, Method.ALL, Score.DEFAULTS).size();
        }
    }
}
