package org.elusive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elusive.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elusive doctor} on this CPU machine, and the libtorch checks every command makes first. */
class DoctorCommandTest {
    @TempDir Path tmp;

    static String stdout(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.run(args);
            return rc + "\n" + buf.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }

    @Test void reportsTheEnvironmentAndPassesTheSelfCheckOnCpu() {
        String out = stdout("doctor", "--device", "cpu");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("\ndjl:                   0.35.0, needs libtorch 2.7.1 (jni flavours cpu, cu128)\n"), out);
        assertTrue(out.contains("\nlibtorch:              2.7.1 at "), out);
        assertTrue(out.contains("\noffline:               true (ai.djl.offline=true;"), out);
        assertTrue(out.contains("\ngpus:                  0 visible to the engine;"), out);
        // the same weights and kernels on the same device: no difference at all
        assertTrue(out.contains("\nself-check: cpu fp32 vs cpu fp32 on a tiny random GPT-NeoX: max |Δ log-prob| 0.00"
                + " (tolerance 1e-04): ok\ndoctor: ok\n"), out);
    }

    @Test void aGpuTheEngineCannotSeeIsBadInput() {
        CliRun r = CliRun.run("doctor", "--device", "cuda");
        assertEquals(2, r.code(), r.err());
        // (before it, DJL may warn why it found no GPU, e.g. "CUDA driver version is insufficient")
        assertEquals(List.of("error: --device cuda: the PyTorch engine sees 0 GPU(s) (CPU-only libtorch?"
                + " PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR select a CUDA one, see docs/gpu.md)"),
                r.err().lines().filter(l -> !l.startsWith("WARN ai.djl.")).toList(), r.err());
    }

    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Runs the CLI in a JVM with extra environment variables (the checks read the real environment). */
    private static String runWithEnv(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath(), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return p.exitValue() + "\n" + out;
    }

    @Test void aWrongLibtorchStopsEveryCommandBeforeLoadingIt() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("site-packages").resolve("torch").resolve("lib"));
        Files.writeString(lib.getParent().resolve("version.py"), "__version__ = '2.13.0+cpu'\n");
        String eval = runWithEnv(Map.of("PYTORCH_LIBRARY_PATH", lib.toString(), "PYTORCH_FLAVOR", "cpu"),
                "eval", "--model", "x", "--tasks", "y", "--data-dir", "z", "--out", "w.parquet");
        assertEquals("2\nerror: PYTORCH_LIBRARY_PATH=" + lib + " holds libtorch 2.13.0+cpu, but this build's DJL works with"
                + " 2.7.1 only: install it with `pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128`"
                + " and set PYTORCH_LIBRARY_PATH to its torch/lib (see docs/gpu.md)\n", eval);
        // doctor prints the environment first, then the same diagnosis
        String doctor = runWithEnv(Map.of("PYTORCH_LIBRARY_PATH", lib.toString()), "doctor");
        assertTrue(doctor.startsWith("2\njava:"), doctor);
        assertTrue(doctor.contains("\nlibtorch there:        2.13.0+cpu\n"), doctor);
        assertTrue(doctor.endsWith("\ndoctor: FAILED: PYTORCH_LIBRARY_PATH=" + lib + " holds libtorch 2.13.0+cpu, but this"
                + " build's DJL works with 2.7.1 only: install it with `pip install torch==2.7.1 --index-url"
                + " https://download.pytorch.org/whl/cu128` and set PYTORCH_LIBRARY_PATH to its torch/lib (see docs/gpu.md)\n"), doctor);
    }

    @Test void librariesLogThroughSlf4jQuietByDefaultDebugWithVerbose() throws Exception {
        String quiet = runWithEnv(Map.of(), "doctor", "--device", "cpu");
        assertTrue(quiet.startsWith("0\n") && quiet.endsWith("\ndoctor: ok\n"), quiet);
        assertFalse(quiet.contains("DEBUG ") || quiet.contains("INFO ") || quiet.contains("SLF4J"), quiet);
        String verbose = runWithEnv(Map.of(), "--verbose", "doctor", "--device", "cpu");
        assertTrue(verbose.startsWith("0\n") && verbose.contains("\nDEBUG ai.djl."), verbose);
    }

    @Test void aUserChoiceOfOfflineModeIsKept() {
        String old = System.getProperty("ai.djl.offline");
        System.setProperty("ai.djl.offline", "false");
        try {
            assertEquals(0, Main.run("--version"));
            assertEquals("false", System.getProperty("ai.djl.offline"));
        } finally {
            System.setProperty("ai.djl.offline", old == null ? "true" : old);
        }
    }
}
