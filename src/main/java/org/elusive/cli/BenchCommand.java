package org.elusive.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.concurrent.Callable;
import org.elusive.model.HfConfig;
import org.elusive.scoring.Encoder;
import org.elusive.scoring.RandomModel;
import org.elusive.scoring.Scorer;
import org.elusive.scoring.ScoringOptions;
import org.elusive.scoring.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Throughput of the scorer on a random-weight model and a synthetic workload shaped like a real task. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Scorer throughput (tokens/s, docs/s) on a random-weight GPT-NeoX of a given shape and a",
                "synthetic workload shaped like HellaSwag, ARC or MMLU 5-shot; prints the tokens computed and",
                "the tokens lm-eval's HF backend would compute for the same workload."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--config", description = "tiny, pythia-14m, pythia-70m, pythia-160m, pythia-410m or a GPT-NeoX config.json. Default: ${DEFAULT-VALUE}.")
    String config = "pythia-160m";

    @Option(names = "--workload", description = "hellaswag, arc or mmlu5. Default: ${DEFAULT-VALUE}.")
    String workload = "hellaswag";

    @Option(names = "--docs", description = "Documents (4 choices each). Default: ${DEFAULT-VALUE}.")
    int docs = 100;

    @Option(names = "--warmup", description = "Documents run first and not timed. Default: ${DEFAULT-VALUE}.")
    int warmup = 8;

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = "--seed", description = "Seed of weights and workload. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Override public Integer call() {
        if (docs < 1) throw new org.elusive.core.BadInputException("--docs " + docs + ": expected at least 1");
        Workload w = Workload.of(workload);
        HfConfig cfg = RandomModel.config(config);
        Device dev = runtime.device().device();
        DataType type = runtime.dataType();
        ScoringOptions options = runtime.scoring();
        try (RandomModel lm = RandomModel.create(cfg, dev, type, seed)) {
            lm.attention(runtime.attention());
            int vocab = lm.config().vocabSize(), maxLen = lm.config().maxPositions();
            if (warmup > 0) new Scorer(lm, null, options).scoreTokens(w.requests(warmup, vocab, seed + 1));
            List<List<Encoder.Pair>> reqs = w.requests(docs, vocab, seed);
            Scorer scorer = new Scorer(lm, null, options);
            long t0 = System.nanoTime();
            scorer.scoreTokens(reqs);
            double s = (System.nanoTime() - t0) / 1e9;
            Scorer.Stats st = scorer.stats();
            long lmEval = 0, contTokens = 0;
            for (List<Encoder.Pair> r : reqs) {
                for (Encoder.Pair p : r) {
                    lmEval += Math.min(maxLen, p.context().length + p.continuation().length - 1);
                    contTokens += p.continuation().length;
                }
            }
            System.out.printf("model     %s: GPT-NeoX hidden %d, %d layers, %.1fM params, %s on %s, %s attention%n", config,
                    lm.config().hiddenSize(), lm.config().numLayers(), lm.params() / 1e6, type, dev,
                    runtime.attention().name().toLowerCase(java.util.Locale.ROOT));
            System.out.printf("workload  %s: %d docs x 4 choices%s%n", w.name().toLowerCase(java.util.Locale.ROOT), docs,
                    runtime.packed() ? " (packed)" : " (unpacked)");
            System.out.printf("tokens    elusive %,d in rows (%,d padded, %d forward calls); lm-eval %,d (%.2fx elusive's)%n",
                    st.tokens(), st.padded(), st.forwards(), lmEval, lmEval / (double) st.tokens());
            System.out.printf("vocab     elusive projects %,d continuation positions; lm-eval all %,d%n", contTokens, lmEval);
            System.out.printf("time      %.2f s: %,.0f tokens/s (%,.0f padded tokens/s), %.2f docs/s%n", s, st.tokens() / s,
                    st.padded() / s, docs / s);
        }
        return ExitCodes.OK;
    }
}
