package org.elusive.cli;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.elusive.model.HfConfig;
import org.elusive.scoring.Encoder;
import org.elusive.scoring.LmEvalWork;
import org.elusive.scoring.RandomModel;
import org.elusive.scoring.Scorer;
import org.elusive.scoring.ScoringOptions;
import org.elusive.scoring.Workload;
import org.elusive.task.Request;
import org.elusive.task.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.elusive.core.BadInputException;

/** Throughput of the scorer on a random-weight model and a synthetic workload shaped like a real task. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Scorer throughput (tokens/s, docs/s) on a random-weight GPT-NeoX of a given shape and a",
                "synthetic workload shaped like HellaSwag, ARC or MMLU 5-shot; prints the tokens computed and",
                "the tokens lm-eval's HF backend would compute for the same workload. With --mmlu-data: the",
                "token counts of the real full MMLU 5-shot instead (layout only, no model call)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--config", description = "tiny, pythia-14m, pythia-70m, pythia-160m, pythia-410m or a GPT-NeoX config.json. Default: ${DEFAULT-VALUE}.")
    String config = "pythia-160m";

    @Option(names = "--workload", description = "hellaswag, arc, mmlu5 (40 questions per subject) or mmlu5_full. Default: hellaswag.")
    Workload workload = Workload.HELLASWAG;

    @Option(names = "--docs", description = "Documents (4 choices each). Default: ${DEFAULT-VALUE}.")
    int docs = 100;

    @Option(names = "--warmup", description = "Documents run first and not timed. Default: ${DEFAULT-VALUE}.")
    int warmup = 8;

    @Option(names = "--count-only", description = "Lay the work out and count tokens; run no model call.")
    boolean countOnly;

    @Option(names = "--mmlu-data", paramLabel = "DIR", description = "Data directory of eval (--data-dir) holding cais/mmlu: count the real full MMLU 5-shot.")
    Path mmluData;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json for --mmlu-data (GPT-NeoX-20B's).")
    Path tokenizer;

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = "--seed", description = "Seed of weights and workload. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Override public Integer call() {
        if (docs < 1) throw new BadInputException("--docs " + docs + ": expected at least 1");
        HfConfig cfg = RandomModel.config(config);
        Device dev = runtime.device().device();
        DataType type = runtime.dataType();
        ScoringOptions options = runtime.scoring();
        try (RandomModel lm = RandomModel.create(cfg, dev, type, seed)) {
            lm.attention(runtime.attention());
            System.out.printf("model     %s: GPT-NeoX hidden %d, %d layers, %.1fM params, %s on %s, %s attention%n", config,
                    lm.config().hiddenSize(), lm.config().numLayers(), lm.params() / 1e6, type, dev,
                    runtime.attention().name().toLowerCase(Locale.ROOT));
            if (mmluData != null) return countRealMmlu(lm, options);
            int vocab = lm.config().vocabSize();
            List<List<Encoder.Pair>> reqs = workload.requests(docs, vocab, seed);
            System.out.printf("workload  %s: %d docs x 4 choices%s%n", workload.name().toLowerCase(Locale.ROOT),
                    docs, runtime.packed() ? " (packed)" : " (unpacked)");
            Scorer scorer = new Scorer(lm, null, options);
            if (countOnly) {
                report(scorer.plan(reqs), reqs, lm.config().maxPositions());
                rows(scorer, options);
                return ExitCodes.OK;
            }
            if (warmup > 0) new Scorer(lm, null, options).scoreTokens(workload.requests(warmup, vocab, seed + 1));
            long t0 = System.nanoTime();
            scorer.scoreTokens(reqs);
            double s = (System.nanoTime() - t0) / 1e9;
            Scorer.Stats st = scorer.stats();
            report(st, reqs, lm.config().maxPositions());
            rows(scorer, options);
            System.out.printf("time      %.2f s: %,.0f real tokens/s (%,.0f computed tokens/s), %.2f docs/s, %,.0f lm-eval tokens/s equivalent%n",
                    s, (st.tokens() + st.prefixTokens()) / s, st.computed() / s, docs / s, LmEvalWork.tokens(reqs, lm.config().maxPositions()) / s);
        }
        return ExitCodes.OK;
    }

    private static void report(Scorer.Stats st, List<List<Encoder.Pair>> reqs, int maxLength) {
        long lmEval = LmEvalWork.tokens(reqs, maxLength), contTokens = 0;
        for (List<Encoder.Pair> r : reqs) for (Encoder.Pair p : r) contTokens += p.continuation().length;
        System.out.printf("tokens    elusive %,d in rows, %,d computed with padding (padded/real %.3f), %d forward calls%n",
                st.tokens(), st.padded(), st.padded() / (double) st.tokens(), st.forwards());
        System.out.printf("prefixes  %,d cached prefixes, %,d tokens computed once each; %,d tokens computed in all%n",
                st.prefixes(), st.prefixTokens(), st.computed());
        System.out.printf("lm-eval   %,d tokens with its logits cache: %.2fx elusive's computed%n", lmEval, lmEval / (double) st.computed());
        System.out.printf("vocab     elusive projects %,d continuation positions; lm-eval all %,d%n", contTokens, lmEval);
    }

    private static void rows(Scorer scorer, ScoringOptions options) {
        System.out.printf("rows      of at most %d tokens (%s)%n", scorer.rowCap(),
                options.rowTokens() == ScoringOptions.AUTO_ROW_TOKENS ? "chosen for this run" : "--row-tokens");
    }

    /** Token counts of the real MMLU test set, 5-shot, every subject: the layout without model calls. */
    private Integer countRealMmlu(RandomModel lm, ScoringOptions options) {
        if (tokenizer == null || !Files.isRegularFile(tokenizer)) {
            throw new BadInputException("--tokenizer " + tokenizer + ": a tokenizer.json is needed with --mmlu-data");
        }
        List<Request> requests = new ArrayList<>();
        for (String name : Tasks.expand("mmlu")) {
            requests.addAll(Tasks.load(name, null).requests(mmluData, OptionalInt.of(5), OptionalInt.empty()).requests());
        }
        try (HuggingFaceTokenizer tok = Encoder.tokenizer(tokenizer)) {
            Scorer scorer = new Scorer(lm, tok, options);
            List<List<Encoder.Pair>> encoded = scorer.encode(requests);
            System.out.printf("workload  real MMLU 5-shot: %,d questions of %d subjects, max length %d%n",
                    requests.size(), Tasks.expand("mmlu").size(), lm.config().maxPositions());
            report(scorer.plan(encoded), encoded, lm.config().maxPositions());
            rows(scorer, options);
        }
        return ExitCodes.OK;
    }
}
