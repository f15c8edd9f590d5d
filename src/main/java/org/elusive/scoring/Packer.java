package org.elusive.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays the encoded choices of requests out as model rows.
 *
 * <p>Packed (the default): the choices of a request share one row. The row holds the longest common
 * token prefix of their contexts once (segment 0), then for each choice the rest of its virtual
 * sequence {@code context + continuation[:-1]} (what lm-eval feeds the model) as its own segment.
 * A segment sees the prefix and its own earlier tokens, never another segment, and its position ids
 * continue from the prefix, so every continuation token gets exactly the hidden state it would get
 * alone. When all choices share the context (most tasks) the context is computed once per question;
 * WinoGrande-style per-choice contexts still share their common start.
 *
 * <p>A choice whose own sequence is longer than the model's maximum length is scored alone with
 * lm-eval's left truncation: {@code inp = (context + continuation)[-(maxLength+1):][:-1]}, and its
 * log-probs are read at the last {@code len(continuation)} positions of {@code inp}. Unpacked mode
 * lays every choice out that way (lm-eval's own layout).
 */
final class Packer {

    /** Where one choice's continuation log-probs are read in a row. */
    record Read(int request, int choice, int[] positions, int[] targets) {}

    /**
     * One model row. {@code segments[i] == 0} for shared tokens; a token of segment s > 0 may attend
     * to segment 0 and to earlier tokens of segment s.
     */
    record Row(int[] tokens, int[] positions, int[] segments, List<Read> reads) {
        int length() { return tokens.length; }

        boolean plainCausal() {
            for (int s : segments) if (s != 0) return false;
            return true;
        }
    }

    private Packer() {}

    /** Rows for one request; {@code pairs} are its encoded choices in order. */
    static List<Row> rows(int request, List<Encoder.Pair> pairs, int maxLength, boolean pack) {
        List<Row> rows = new ArrayList<>();
        List<Integer> packable = new ArrayList<>();
        for (int c = 0; c < pairs.size(); c++) {
            Encoder.Pair p = pairs.get(c);
            boolean fits = p.context().length + p.continuation().length - 1 <= maxLength;
            if (pack && fits) packable.add(c);
            else rows.add(alone(request, c, p, maxLength));
        }
        if (packable.size() == 1) {
            int c = packable.get(0);
            rows.add(alone(request, c, pairs.get(c), maxLength));
        } else if (!packable.isEmpty()) {
            rows.add(packed(request, packable, pairs));
        }
        return rows;
    }

    static Row alone(int request, int choice, Encoder.Pair p, int maxLength) {
        int[] ctx = p.context(), cont = p.continuation();
        int total = ctx.length + cont.length;
        int from = Math.max(0, total - (maxLength + 1));
        int[] inp = new int[total - 1 - from];
        for (int i = 0; i < inp.length; i++) {
            int v = from + i;
            inp[i] = v < ctx.length ? ctx[v] : cont[v - ctx.length];
        }
        int[] reads = new int[cont.length];
        for (int j = 0; j < cont.length; j++) reads[j] = inp.length - cont.length + j;
        return new Row(inp, range(0, inp.length), new int[inp.length],
                List.of(new Read(request, choice, reads, cont)));
    }

    private static Row packed(int request, List<Integer> choices, List<Encoder.Pair> pairs) {
        int prefix = Integer.MAX_VALUE;
        int[] first = pairs.get(choices.get(0)).context();
        for (int c : choices) prefix = Math.min(prefix, commonPrefix(first, pairs.get(c).context()));
        int length = prefix;
        for (int c : choices) length += virtualLength(pairs.get(c)) - prefix;
        int[] tokens = new int[length], positions = new int[length], segments = new int[length];
        System.arraycopy(first, 0, tokens, 0, prefix);
        System.arraycopy(range(0, prefix), 0, positions, 0, prefix);
        List<Read> reads = new ArrayList<>(choices.size());
        int at = prefix;
        for (int s = 0; s < choices.size(); s++) {
            Encoder.Pair p = pairs.get(choices.get(s));
            int[] ctx = p.context(), cont = p.continuation();
            int n = virtualLength(p);
            int start = at;
            for (int v = prefix; v < n; v++, at++) {
                tokens[at] = v < ctx.length ? ctx[v] : cont[v - ctx.length];
                positions[at] = v;
                segments[at] = s + 1;
            }
            int[] pos = new int[cont.length];
            for (int j = 0; j < cont.length; j++) {
                int v = ctx.length - 1 + j;
                pos[j] = v < prefix ? v : start + (v - prefix);
            }
            reads.add(new Read(request, choices.get(s), pos, cont));
        }
        return new Row(tokens, positions, segments, reads);
    }

    private static int virtualLength(Encoder.Pair p) {
        return p.context().length + p.continuation().length - 1;
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = Arrays.mismatch(a, 0, n, b, 0, n);
        return i < 0 ? n : i;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
