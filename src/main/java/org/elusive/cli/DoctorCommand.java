package org.elusive.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.elusive.model.CheckpointLoader;
import org.elusive.model.Environment;
import org.elusive.model.Libtorch;
import org.elusive.model.SelfCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", aliases = "env", mixinStandardHelpOptions = true,
        description = {"Print what this node would run with (Java, DJL, libtorch version/flavour/path, CUDA devices and"
                + " memory, offline mode, cache dirs), then check one forward of a tiny random model on the device"
                + " against the CPU in fp32. The first command on a new GPU node; paste its output into bug reports.",
                "Exit code 0 when all is well, 1 when libtorch does not load or the self-check fails, 2 when the"
                        + " PYTORCH_* variables select a libtorch this build cannot use."})
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: cuda when the engine sees a GPU, else cpu).") String device;
    @Option(names = "--dtype", description = "fp32 or fp16 (default: fp16 on CUDA, fp32 on CPU).") String dtype;

    @Override public Integer call() {
        PrintStream out = System.out;
        print(Environment.basics(System.getenv()), out);
        Optional<String> problem = Libtorch.problem(System.getenv());
        if (problem.isPresent()) {
            out.println("doctor: FAILED: " + problem.get());
            return ExitCodes.USAGE;
        }
        try {
            print(Environment.engine(), out);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            out.println("doctor: FAILED: libtorch did not load: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Device d = CheckpointLoader.device(device != null ? device : Engine.getEngine("PyTorch").getGpuCount() > 0 ? "cuda" : "cpu");
        DataType t = dtype == null ? CheckpointLoader.defaultType(d) : CheckpointLoader.dataType(dtype);
        SelfCheck.Result r = SelfCheck.run(d, t);
        String where = d.isGpu() ? "cuda:" + d.getDeviceId() : "cpu";
        out.printf("self-check: %s %s vs cpu fp32 on a tiny random GPT-NeoX: max |Δ log-prob| %.3g (tolerance %.0e): %s%n",
                where, name(t), r.maxAbsDiff(), r.tolerance(), r.ok() ? "ok" : "FAILED");
        if (!r.ok()) {
            out.println("doctor: FAILED: the " + where + " forward differs from the CPU one; do not trust scores from this node"
                    + " (check the libtorch version and the driver, see docs/gpu.md)");
            return ExitCodes.FAILURE;
        }
        out.println("doctor: ok");
        return ExitCodes.OK;
    }

    private static String name(DataType t) { return t == DataType.FLOAT16 ? "fp16" : "fp32"; }

    private static void print(List<Environment.Fact> facts, PrintStream out) {
        for (Environment.Fact f : facts) out.printf("%-22s %s%n", f.name() + ":", f.value());
    }
}
