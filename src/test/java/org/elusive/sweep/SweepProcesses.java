package org.elusive.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Starts {@code elusive sweep} as a real JVM process on the test classpath, for kill and concurrency tests. */
final class SweepProcesses {
    private SweepProcesses() {}

    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The command line of {@code java … org.elusive.cli.Main sweep <args>}, or with a test backend
     * ("fake", or "real" slowed down by a pause before each part) {@code java … TestSweepMain <backend> <pauseMs> sweep <args>}.
     */
    static List<String> command(String backend, long pauseMs, List<String> args) {
        // C1 only: these runs are short, so the JIT's optimising tier costs more than it gives
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
                "-Djava.awt.headless=true"));
        cmd.addAll(List.of("-cp", classpath()));
        if (backend == null) cmd.add("org.elusive.cli.Main");
        else cmd.addAll(List.of(TestSweepMain.class.getName(), backend, String.valueOf(pauseMs)));
        cmd.add("sweep");
        cmd.addAll(args);
        return cmd;
    }

    static Process start(String backend, long pauseMs, List<String> args, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(backend, pauseMs, args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    /** Part files saved so far under a results directory. */
    static List<Path> parts(Path out) throws IOException {
        if (!Files.exists(out)) return List.of();
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(p -> p.getParent().getFileName().toString().endsWith(".parts")
                    && p.getFileName().toString().startsWith("part-")).toList();
        }
    }

    static long doneCount(Path out) { return new UnitStore(out).doneUnitFiles().size(); }

    /** Waits (bounded by the JUnit timeout of the caller) until the condition holds or the process ends. */
    static boolean await(Process p, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        while (p.isAlive()) {
            if (condition.call()) return true;
            Thread.sleep(20);
        }
        return condition.call();
    }

    static String read(Path log) throws IOException { return Files.exists(log) ? Files.readString(log) : ""; }

    private static Path baseline, realBaseline;
    private static TinyFamily world;

    /** The tiny real family (checkpoints, tasks, data), made once per test JVM under target/. */
    static synchronized TinyFamily world() throws Exception {
        if (world == null) {
            Path dir = Path.of("target", "sweep-test-world").toAbsolutePath();
            UnitStore.deleteTree(dir);
            world = TinyFamily.create(dir, 9);
        }
        return world;
    }

    /** An uninterrupted in-process real sweep over {@link #world()}, parts of 3 requests. */
    static synchronized Path realBaseline() throws Exception {
        if (realBaseline == null) {
            Path dir = Path.of("target", "sweep-test-real-baseline").toAbsolutePath();
            UnitStore.deleteTree(dir);
            List<String> args = new ArrayList<>(List.of("sweep"));
            args.addAll(world().sweepArgs(dir, 3));
            int rc = org.elusive.cli.Main.run(args.toArray(String[]::new));
            if (rc != 0) throw new AssertionError("real baseline sweep exited " + rc);
            realBaseline = dir;
        }
        return realBaseline;
    }

    /**
     * The uninterrupted single-process run of {@link SweepProcessTest#sweepArgs}, made once per test
     * JVM (in-process, through the same CLI) and shared by the tests that compare against it.
     */
    static synchronized Path baseline() throws Exception {
        if (baseline == null) {
            Path dir = Path.of("target", "sweep-test-baseline").toAbsolutePath();
            UnitStore.deleteTree(dir);
            List<String> args = new ArrayList<>(List.of("sweep"));
            // tables once at the end: per-unit updates are covered by the real baseline
            args.addAll(SweepProcessTest.sweepArgs(dir, "--aggregate-every", "0"));
            int rc = TestSweepMain.run(new FakeBackend(), args);
            if (rc != 0) throw new AssertionError("baseline sweep exited " + rc);
            baseline = dir;
        }
        return baseline;
    }
}
