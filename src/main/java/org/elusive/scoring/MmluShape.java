package org.elusive.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * MMLU 5-shot as token lengths, measured on the real test set with the GPT-NeoX-20B tokenizer
 * (scripts/reference/make_mmlu5_shape.py → bench/mmlu5_shape.csv): per subject, the few-shot block
 * every question starts with (description + first five dev questions, 279–2,505 tokens) and the
 * mean, sd and range of each question's own tokens after it. What makes MMLU expensive for lm-eval
 * and cheap for a prefix-sharing layout is exactly this split, so the synthetic workload keeps it.
 */
final class MmluShape {

    /** One subject: test questions, shared block length, own-part length distribution. */
    record Subject(String name, int questions, int prefix, double ownMean, double ownSd, int ownMin, int ownMax) {}

    private MmluShape() {}

    static List<Subject> subjects() {
        List<Subject> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                MmluShape.class.getResourceAsStream("/bench/mmlu5_shape.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                out.add(new Subject(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bench/mmlu5_shape.csv", e);
        }
        return out;
    }

    /**
     * {@code docs} questions in runs of {@code perSubject} (fewer if the subject has fewer), subjects in
     * a seeded random order, each question its subject's block then its own tokens, answers " A".." D"
     * as one-token continuations; {@code perSubject} 0 = every question of each subject (full MMLU).
     */
    static List<List<Encoder.Pair>> requests(int docs, int perSubject, int vocab, long seed) {
        Random rnd = new Random(seed);
        List<Subject> subjects = subjects();
        Collections.shuffle(subjects, rnd);
        int[][] answers = {{tokenId(rnd, vocab)}, {tokenId(rnd, vocab)}, {tokenId(rnd, vocab)}, {tokenId(rnd, vocab)}};
        List<List<Encoder.Pair>> out = new ArrayList<>(docs);
        for (int s = 0; out.size() < docs; s = (s + 1) % subjects.size()) {
            Subject sub = subjects.get(s);
            int[] block = Workload.tokens(rnd, sub.prefix(), vocab);
            int n = Math.min(docs - out.size(), perSubject > 0 ? Math.min(perSubject, sub.questions()) : sub.questions());
            for (int q = 0; q < n; q++) {
                int own = (int) Math.max(sub.ownMin(), Math.min(sub.ownMax(), Math.round(sub.ownMean() + sub.ownSd() * rnd.nextGaussian())));
                int[] ctx = new int[sub.prefix() + own];
                System.arraycopy(block, 0, ctx, 0, block.length);
                System.arraycopy(Workload.tokens(rnd, own, vocab), 0, ctx, block.length, own);
                List<Encoder.Pair> choices = new ArrayList<>(4);
                for (int[] a : answers) choices.add(new Encoder.Pair(ctx, a));
                out.add(choices);
            }
        }
        return out;
    }

    /** All 14,042 test questions. */
    static int totalQuestions() { return subjects().stream().mapToInt(Subject::questions).sum(); }

    private static int tokenId(Random rnd, int vocab) { return 2 + rnd.nextInt(vocab - 2); }
}
