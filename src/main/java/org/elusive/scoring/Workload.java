package org.elusive.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.elusive.core.BadInputException;

/**
 * Synthetic requests shaped like real tasks, as token ids: context and continuation lengths drawn
 * from distributions measured on the real data with the GPT-NeoX-20B tokenizer and lm-eval's prompts
 * (HellaSwag validation: context 29.5 ± 9.2 tokens in [12, 75], endings 13.9 ± 6.9 in [2, 76];
 * ARC-Easy test: 27.6 ± 14.8 in [9, 156], answers 4.5 ± 3.4 in [1, 27]; MMLU 5-shot: 612 ± 456 in
 * [260, 3055] with one-token answers " A".." D"). Four choices each.
 */
public enum Workload {
    HELLASWAG(29.5, 9.2, 12, 75, 13.9, 6.9, 2, 76),
    ARC(27.6, 14.8, 9, 156, 4.5, 3.4, 1, 27),
    MMLU5(612, 456, 260, 3055, 1, 0, 1, 1);

    private final double ctxMean, ctxSd, contMean, contSd;
    private final int ctxMin, ctxMax, contMin, contMax;

    Workload(double ctxMean, double ctxSd, int ctxMin, int ctxMax, double contMean, double contSd, int contMin, int contMax) {
        this.ctxMean = ctxMean;
        this.ctxSd = ctxSd;
        this.ctxMin = ctxMin;
        this.ctxMax = ctxMax;
        this.contMean = contMean;
        this.contSd = contSd;
        this.contMin = contMin;
        this.contMax = contMax;
    }

    public static Workload of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", ""));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--workload " + name + ": expected hellaswag, arc or mmlu5");
        }
    }

    /** {@code docs} requests of 4 choices, token ids uniform in [2, vocab) (seeded). */
    public List<List<Encoder.Pair>> requests(int docs, int vocab, long seed) {
        Random rnd = new Random(seed);
        List<List<Encoder.Pair>> out = new ArrayList<>(docs);
        for (int d = 0; d < docs; d++) {
            int[] ctx = tokens(rnd, length(rnd, ctxMean, ctxSd, ctxMin, ctxMax, this == MMLU5), vocab);
            List<Encoder.Pair> choices = new ArrayList<>(4);
            for (int c = 0; c < 4; c++) {
                choices.add(new Encoder.Pair(ctx, tokens(rnd, length(rnd, contMean, contSd, contMin, contMax, false), vocab)));
            }
            out.add(choices);
        }
        return out;
    }

    /** Normal, or log-normal for the long-tailed MMLU contexts, with the given mean and sd, clipped. */
    private static int length(Random rnd, double mean, double sd, int min, int max, boolean logNormal) {
        double x;
        if (logNormal) {
            double s2 = Math.log(1 + sd * sd / (mean * mean));
            x = Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * rnd.nextGaussian());
        } else {
            x = mean + sd * rnd.nextGaussian();
        }
        return (int) Math.max(min, Math.min(max, Math.round(x)));
    }

    private static int[] tokens(Random rnd, int n, int vocab) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = 2 + rnd.nextInt(vocab - 2);
        return t;
    }
}
