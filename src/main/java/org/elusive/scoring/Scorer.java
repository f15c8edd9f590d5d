package org.elusive.scoring;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.elusive.core.BadInputException;
import org.elusive.model.CausalLM;
import org.elusive.catalog.Checkpoint;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.TorchSum;
import org.elusive.task.Request;

/**
 * Scores every choice of multiple-choice requests with a causal LM, giving lm-eval's numbers
 * (log-likelihood and greedy flag per choice) while computing every shared prefix once per row.
 *
 * <p>Steps: encode with lm-eval's rules ({@link Encoder}); lay all choices of the run out as a token
 * trie cut into nearly full rows ({@link Packer}); sort rows by length, longest first, and cut them
 * into batches of at most {@link ScoringOptions#batchTokens()} padded tokens; run the model; project
 * only the continuation positions through the vocabulary (fp32 log-softmax); gather each target
 * token's log-prob and compare it with the argmax. Results do not depend on packing, row or batch
 * size, or request order. With the prefix cache, a prefix that rows would repeat is computed once,
 * just before the first batch of its rows, and dropped after their last. The trie and the cache live
 * for one call: a sweep's part (one call) never shares work with another, so a resumed sweep never
 * finds half of a prefix's bookkeeping.
 */
public final class Scorer {

    private final CausalLM model;
    private final Encoder encoder;
    private final ScoringOptions options;
    private final int maxLength;
    private final BatchRunner runner;
    private int rowCap;

    public Scorer(CausalLM model, HuggingFaceTokenizer tokenizer, ScoringOptions options) {
        this.model = model;
        this.options = options;
        int bos = model.config().bosTokenId();
        this.encoder = tokenizer == null ? null : new Encoder(tokenizer, bos >= 0 ? bos : model.config().eosTokenId());
        this.maxLength = options.maxLength() > 0 ? options.maxLength() : model.config().maxPositions();
        this.runner = new BatchRunner(model, options);
    }

    /** Scores all requests and returns their choice rows, in request order then choice order. */
    public List<ChoiceRow> score(List<Request> requests, Checkpoint checkpoint) {
        ScoredDoc[] docs = new ScoredDoc[requests.size()];
        run(requests, checkpoint, (i, d) -> docs[i] = d);
        List<ChoiceRow> out = new ArrayList<>();
        for (ScoredDoc d : docs) out.addAll(d.choices());
        return out;
    }

    /**
     * Scores all requests and hands each document to {@code sink} as soon as all its choices are
     * done (documents complete out of order: rows run longest first). Every request is encoded and
     * checked before the first forward call, so bad input fails before any work is done.
     */
    public void score(List<Request> requests, Checkpoint checkpoint, Consumer<ScoredDoc> sink) {
        run(requests, checkpoint, (i, d) -> sink.accept(d));
    }

    private void run(List<Request> requests, Checkpoint checkpoint, BiConsumer<Integer, ScoredDoc> sink) {
        Packer.Layout layout = layout(encode(requests));
        Pending pending = new Pending(requests, checkpoint, sink);
        runner.run(layout.rows(), layout.prefixes(), pending::accept);
    }

    /**
     * Scores requests given directly as token ids (benchmarks: no tokenizer needed) and discards the
     * results; {@link #stats()} tells the work done.
     */
    public void scoreTokens(List<List<Encoder.Pair>> encoded) {
        Packer.Layout layout = layout(encoded);
        runner.run(layout.rows(), layout.prefixes(), (read, lp, greedy) -> { });
    }

    /**
     * The layout for a run, its rows grouped by the prefix they continue (so that one prefix is in
     * memory at a time) and longest first within a group (batches of similar lengths).
     */
    private Packer.Layout layout(List<List<Encoder.Pair>> encoded) {
        Packer.Layout layout = Packer.layout(encoded, maxLength, options.pack(), options.prefixCache(),
                options.rowCap(model.config().hiddenSize()));
        rowCap = layout.cap();
        List<Packer.Row> rows = new ArrayList<>(layout.rows());
        rows.sort(Comparator.comparingInt(Packer.Row::prefix).thenComparing(Comparator.comparingInt(Packer.Row::length).reversed()));
        return new Packer.Layout(rows, layout.prefixes(), layout.cap());
    }

    /**
     * The work scoring these encoded requests would take (tokens in rows, padded tokens, forward
     * calls), computed from the layout alone: no model call.
     */
    public Stats plan(List<List<Encoder.Pair>> encoded) {
        Packer.Layout layout = layout(encoded);
        return stats(runner.plan(layout.rows(), layout.prefixes()));
    }

    /** The row cap of the latest run or plan (chosen per run unless fixed); 0 before any. */
    public int rowCap() { return rowCap; }

    /** Work done so far: as {@link Stats}. */
    public Stats stats() { return stats(runner.counters()); }

    private static Stats stats(long[] c) { return new Stats(c[0], c[1], c[2], c[3], c[4]); }

    /**
     * @param tokens       tokens laid out in rows
     * @param padded       what the rows' forward calls computed with padding
     * @param forwards     forward calls, prefills included
     * @param prefixTokens tokens of cached prefixes, each computed once (not in {@code tokens})
     * @param prefixes     cached prefixes computed
     */
    public record Stats(long tokens, long padded, long forwards, long prefixTokens, long prefixes) {

        /** Every token the model computed: padded rows and prefixes. */
        public long computed() { return padded + prefixTokens; }
    }

    /** Times the runner backed off after running out of memory. */
    public int backoffs() { return runner.backoffs(); }

    /** Encodes requests with lm-eval's rules, checking each (bad input fails here, before any work). */
    public List<List<Encoder.Pair>> encode(List<Request> requests) {
        if (encoder == null) throw new IllegalStateException("this Scorer was built without a tokenizer");
        List<String> ctx = new ArrayList<>(), cont = new ArrayList<>();
        for (Request r : requests) {
            check(r);
            for (int c = 0; c < r.nChoices(); c++) {
                ctx.add(r.context(c));
                cont.add(r.continuations().get(c));
            }
        }
        List<Encoder.Pair> pairs;
        try {
            pairs = encoder.encodeAll(ctx, cont);
        } catch (IllegalArgumentException e) {
            // find the request for the message: encode one by one (rare path)
            for (Request r : requests) {
                for (int c = 0; c < r.nChoices(); c++) {
                    try {
                        encoder.encode(r.context(c), r.continuations().get(c));
                    } catch (IllegalArgumentException inner) {
                        throw new BadInputException(where(r) + " choice " + c + ": " + inner.getMessage());
                    }
                }
            }
            throw e;
        }
        List<List<Encoder.Pair>> out = new ArrayList<>(requests.size());
        int at = 0;
        for (Request r : requests) {
            List<Encoder.Pair> mine = pairs.subList(at, at + r.nChoices());
            at += r.nChoices();
            for (int c = 0; c < mine.size(); c++) {
                if (mine.get(c).continuation().length > maxLength) {
                    throw new BadInputException(where(r) + " choice " + c + ": continuation has "
                            + mine.get(c).continuation().length + " tokens, more than the model's maximum length "
                            + maxLength);
                }
            }
            out.add(mine);
        }
        return out;
    }

    private static void check(Request r) {
        if (r.nChoices() == 0) throw new BadInputException(where(r) + ": no choices");
        if (r.contexts().size() != 1 && r.contexts().size() != r.nChoices()) {
            throw new BadInputException(where(r) + ": " + r.contexts().size() + " contexts for " + r.nChoices()
                    + " choices (expected 1 or one per choice)");
        }
        if (r.choiceTexts().size() != r.nChoices()) {
            throw new BadInputException(where(r) + ": " + r.choiceTexts().size() + " choice texts for "
                    + r.nChoices() + " continuations");
        }
        if (r.gold() < 0 || r.gold() >= r.nChoices()) {
            throw new BadInputException(where(r) + ": target index " + r.gold() + " out of range [0, "
                    + r.nChoices() + ")");
        }
    }

    private static String where(Request r) { return "task " + r.task() + ", doc " + r.docId(); }

    /** Collects per-choice results and emits a document once all of its choices are in. */
    private static final class Pending {
        private final List<Request> requests;
        private final Checkpoint checkpoint;
        private final BiConsumer<Integer, ScoredDoc> sink;
        private final ChoiceRow[][] rows;
        private final int[] missing;

        Pending(List<Request> requests, Checkpoint checkpoint, BiConsumer<Integer, ScoredDoc> sink) {
            this.requests = requests;
            this.checkpoint = checkpoint;
            this.sink = sink;
            this.rows = new ChoiceRow[requests.size()][];
            this.missing = new int[requests.size()];
            for (int r = 0; r < requests.size(); r++) {
                rows[r] = new ChoiceRow[requests.get(r).nChoices()];
                missing[r] = rows[r].length;
            }
        }

        void accept(Packer.Read read, float[] logprobs, boolean greedy) {
            Request r = requests.get(read.request());
            int c = read.choice();
            // lm-eval's log-likelihood: the float32 sum in torch's order, so its ties break as lm-eval's
            double sum = TorchSum.of(logprobs);
            String text = r.choiceTexts().get(c);
            rows[read.request()][c] = new ChoiceRow(checkpoint.family(), checkpoint.model(), checkpoint.revision(),
                    checkpoint.params(), checkpoint.tokens(), checkpoint.compute(), r.task(), r.docId(), c,
                    c == r.gold(), sum, logprobs.length, text.codePointCount(0, text.length()),
                    text.getBytes(StandardCharsets.UTF_8).length, greedy, logprobs);
            if (--missing[read.request()] == 0) sink.accept(read.request(), new ScoredDoc(r, List.of(rows[read.request()])));
        }
    }
}
