import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import org.elusive.model.CausalLM;
import org.elusive.model.CheckpointLoader;
import org.elusive.model.Transformer;

/** bench_load.sh's elusive side: one CheckpointLoader.load, timed inside the process. Args: DIR fp16|fp32 [cpu|cuda]. */
public class LoadBench {
    public static void main(String[] args) {
        Device device = CheckpointLoader.device(args.length > 2 ? args[2] : "cpu");
        long t0 = System.nanoTime();
        try (CausalLM m = CheckpointLoader.load(Path.of(args[0]), device, CheckpointLoader.dataType(args[1]))) {
            double s = (System.nanoTime() - t0) / 1e9;
            long n = ((Transformer) m).parameters().values().stream().mapToLong(NDArray::size).sum(); // untied: no tensor twice
            System.out.printf("elusive load %.2f s, %d parameters, %s%n", s, n, ((Transformer) m).dataType());
        }
    }
}
