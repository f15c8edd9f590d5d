package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/slurm/sweep.sbatch on a real one-node Slurm cluster started by
 * scripts/slurm/start-local-cluster.sh (installs Debian's Slurm when root and apt are available);
 * skipped with the reason when the cluster cannot start.
 */
class SlurmSweepTest {
    static final Path SCRIPTS = Path.of("scripts", "slurm").toAbsolutePath();
    static boolean startedHere;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "Slurm test needs Linux");
        Path log = Files.createTempFile("elusive-slurm-start", ".log");
        Process p = new ProcessBuilder("bash", SCRIPTS.resolve("start-local-cluster.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        String out = Files.readString(log);
        Files.delete(log);
        Assumptions.assumeTrue(finished && p.exitValue() == 0,
                "SKIPPED: cannot start a local Slurm cluster (needs root and Debian's slurmctld/slurmd/munge): " + out.trim());
        startedHere = !out.contains("already answers");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (startedHere) new ProcessBuilder("bash", SCRIPTS.resolve("stop-local-cluster.sh").toString()).inheritIO().start().waitFor();
    }

    static String runCommand(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Test
    void arrayJobRunsBothShardsIntoOneDirectory(@TempDir Path tmp) throws Exception {
        Path single = SweepProcesses.baseline(), viaSlurm = tmp.resolve("slurm");

        // the script asks for GPU-node resources; this one-node test cluster has 2 cores and 8 GB
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--wait", "--array=0-1", "--cpus-per-task=1",
                "--mem=1000M", "--time=10", "--chdir", tmp.toString(),
                "--output", tmp.resolve("slurm-%A_%a.out").toString(), SCRIPTS.resolve("sweep.sbatch").toString()));
        cmd.addAll(SweepProcessTest.sweepArgs(viaSlurm, "--aggregate-every", "0"));
        Path sbatchLog = tmp.resolve("sbatch.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(sbatchLog.toFile());
        // the array tasks run the test classpath with the model-free backend, on CPU
        List<String> java = SweepProcesses.command("fake", 0, List.of());
        pb.environment().put("ELUSIVE_CMD", String.join(" ", java.subList(0, java.size() - 1)));
        pb.environment().put("ELUSIVE_DEVICE", "cpu");
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroy();
            String job = Files.readString(sbatchLog).trim().split("\\s+")[0];
            new ProcessBuilder("scancel", job).inheritIO().start().waitFor();
            throw new AssertionError("array job " + job + " did not finish: " + runCommand("squeue"));
        }
        String out = Files.readString(sbatchLog);
        String logs;
        try (Stream<Path> files = Files.list(tmp)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("slurm-")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (Exception e) {
                    return "";
                }
            }).collect(Collectors.joining("\n"));
        }
        assertEquals(0, p.exitValue(), out + "\n" + logs);
        assertTrue(logs.contains("shard 0/2, device cpu") && logs.contains("shard 1/2, device cpu"), logs);
        assertEquals(8, SweepProcesses.doneCount(viaSlurm));
        SweepTest.assertSameRows(SweepTest.allRows(single), SweepTest.allRows(viaSlurm));
        AggregateAssertions.assertSameTables(single, viaSlurm);
    }
}
