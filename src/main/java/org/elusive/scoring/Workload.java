package org.elusive.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic requests shaped like real tasks, as token ids, four choices each. HellaSwag and ARC:
 * context and continuation lengths drawn from distributions measured on the real data with the
 * GPT-NeoX-20B tokenizer and lm-eval's prompts (HellaSwag validation: context 29.5 ± 9.2 tokens in
 * [12, 75], endings 13.9 ± 6.9 in [2, 76]; ARC-Easy test: 27.6 ± 14.8 in [9, 156], answers 4.5 ± 3.4
 * in [1, 27]), every document its own context. MMLU 5-shot keeps the real per-subject shape
 * ({@link MmluShape}): runs of 40 questions per subject behind the subject's shared few-shot block,
 * as the side-by-side script runs it; {@code MMLU5_FULL}: every question of every subject in turn.
 */
public enum Workload {
    HELLASWAG {
        @Override public List<List<Encoder.Pair>> requests(int docs, int vocab, long seed) {
            return independent(docs, vocab, seed, new Lengths(29.5, 9.2, 12, 75), new Lengths(13.9, 6.9, 2, 76));
        }
    },
    ARC {
        @Override public List<List<Encoder.Pair>> requests(int docs, int vocab, long seed) {
            return independent(docs, vocab, seed, new Lengths(27.6, 14.8, 9, 156), new Lengths(4.5, 3.4, 1, 27));
        }
    },
    MMLU5 {
        @Override public List<List<Encoder.Pair>> requests(int docs, int vocab, long seed) {
            return MmluShape.requests(docs, 40, vocab, seed);
        }
    },
    MMLU5_FULL {
        @Override public List<List<Encoder.Pair>> requests(int docs, int vocab, long seed) {
            return MmluShape.requests(docs, 0, vocab, seed);
        }
    };

    /** A length distribution: normal with this mean and sd, rounded and clipped to [min, max]. */
    private record Lengths(double mean, double sd, int min, int max) {
        int draw(Random rnd) { return (int) Math.max(min, Math.min(max, Math.round(mean + sd * rnd.nextGaussian()))); }
    }

    /** {@code docs} requests of 4 choices, token ids uniform in [2, vocab) (seeded). */
    public abstract List<List<Encoder.Pair>> requests(int docs, int vocab, long seed);

    /** Every document its own context; four continuations of independent lengths. */
    private static List<List<Encoder.Pair>> independent(int docs, int vocab, long seed, Lengths ctx, Lengths cont) {
        Random rnd = new Random(seed);
        List<List<Encoder.Pair>> out = new ArrayList<>(docs);
        for (int d = 0; d < docs; d++) {
            int[] c = tokens(rnd, ctx.draw(rnd), vocab);
            List<Encoder.Pair> choices = new ArrayList<>(4);
            for (int k = 0; k < 4; k++) choices.add(new Encoder.Pair(c, tokens(rnd, cont.draw(rnd), vocab)));
            out.add(choices);
        }
        return out;
    }

    static int[] tokens(Random rnd, int n, int vocab) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = 2 + rnd.nextInt(vocab - 2);
        return t;
    }
}
