package org.elusive.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays the encoded choices of a run's requests out as model rows, computing every token that several
 * choices share exactly once per row, and filling rows so that batches carry (almost) no padding.
 *
 * <p>What the model must see: a choice's input is lm-eval's, a token sequence with positions
 * 0..n-1 — the virtual sequence {@code context + continuation[:-1]} when it fits the model's maximum
 * length, else the left-truncated {@code inp = (context + continuation)[-(maxLength+1):][:-1]}
 * (positions restart at 0 at the truncation point). Its log-probs are read at the last
 * {@code len(continuation)} positions. The hidden state at position d depends only on the tokens at
 * positions 0..d, so two inputs that agree there may share it.
 *
 * <p>Why a trie: every such sharing is a common prefix, and one structure gives all of them at once —
 * the context of a question shared by its choices, the few-shot block shared by every question of
 * an MMLU subject (~600 of ~700 tokens), and the identical truncated inputs of one-token choices of
 * an over-long question (one sequence, four reads). Sharing is exact: a node is a token at a position
 * with the same ancestors, never an approximation (see {@link TokenTrie}).
 *
 * <p>Why this row form: a row is a forest in depth-first order; a token sees a key iff the key is its
 * ancestor-or-self ({@code ends[k]} is one past k's subtree, so the mask is
 * {@code k <= q < ends[k]}), and its position id is its depth. So each token gets exactly the hidden
 * state it would get alone. Rows are filled up to a token cap ({@link RowLayout}) with whole trees
 * of different documents, so a batch is one stream of real tokens; a tree larger than a row is split
 * between rows that each repeat its shared ancestors. The cap trades that repetition (shorter rows
 * repeat a few-shot prefix more often) against dense attention, whose cost per row grows with its
 * length squared; unless the user fixes it, it is chosen per run from the trie ({@link RowCap}:
 * about {@code P + sqrt(P² + 6·d·P)} for a shared prefix of P tokens and hidden size d, so long rows
 * for MMLU 5-shot, short ones for HellaSwag).
 *
 * <p>Unpacked mode is lm-eval's layout: one row per distinct input, no prefix shared, no filling
 * (its logits cache likewise computes identical inputs once).
 */
final class Packer {

    /** Where one choice's continuation log-probs are read in a row. */
    record Read(int request, int choice, int[] positions, int[] targets) {}

    /**
     * One model row: token {@code q} may attend to key {@code k} iff {@code k <= q < ends[k]}
     * (k is q's ancestor-or-self in the row's forest).
     */
    record Row(int[] tokens, int[] positions, int[] ends, List<Read> reads) {
        int length() { return tokens.length; }

        /** One chain (a single sequence): the model's own causal mask is enough. */
        boolean plainCausal() {
            for (int e : ends) if (e != tokens.length) return false;
            return true;
        }
    }

    /** One choice's model input and where its log-probs are read. */
    private record Input(int request, int choice, int[] tokens, int[] readDepths, int[] targets) {}

    /** A run's rows and the cap they were packed to. */
    record Layout(List<Row> rows, int cap) {}

    private Packer() {}

    /**
     * Rows for all choices of {@code requests} (request index = list index). {@code cap} caps a packed
     * row (fixed, or chosen for this run's trie: {@link RowCap}), except that an input longer than the
     * cap gets a row of its own length.
     */
    static Layout layout(List<List<Encoder.Pair>> requests, int maxLength, boolean pack, RowCap cap) {
        List<Input> inputs = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            List<Encoder.Pair> pairs = requests.get(r);
            for (int c = 0; c < pairs.size(); c++) inputs.add(input(r, c, pairs.get(c), maxLength));
        }
        inputs.sort((a, b) -> Arrays.compare(a.tokens(), b.tokens()));
        int[][] seqs = new int[inputs.size()][], depths = new int[inputs.size()][], nodes = new int[inputs.size()][];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = inputs.get(i).tokens();
            depths[i] = inputs.get(i).readDepths();
        }
        TokenTrie trie = TokenTrie.build(seqs, depths, pack, nodes);
        int rowTokens = cap.choose(trie);
        List<int[]> layout = RowLayout.rows(trie, rowTokens, pack);
        return new Layout(materialize(trie, layout, inputs, nodes), rowTokens);
    }

    /** lm-eval's input for one choice: the virtual sequence, left-truncated when it is too long. */
    private static Input input(int request, int choice, Encoder.Pair p, int maxLength) {
        int[] ctx = p.context(), cont = p.continuation();
        int total = ctx.length + cont.length;
        int from = Math.max(0, total - (maxLength + 1));
        int n = total - 1 - from;
        // one-token continuation that fits: the input is the context itself (no copy: MMLU-sized runs)
        int[] inp = from == 0 && cont.length == 1 ? ctx : new int[n];
        if (inp != ctx) {
            for (int i = 0; i < n; i++) {
                int v = from + i;
                inp[i] = v < ctx.length ? ctx[v] : cont[v - ctx.length];
            }
        }
        int[] reads = new int[cont.length];
        for (int j = 0; j < cont.length; j++) reads[j] = n - cont.length + j;
        return new Input(request, choice, inp, reads, cont);
    }

    /**
     * Turns node sets into rows. A node repeated in several rows (a split tree's shared ancestors) is
     * read from the first; a choice is read from the row holding its deepest read node, which holds
     * all of that node's ancestors and so all of the choice's read positions.
     */
    private static List<Row> materialize(TokenTrie trie, List<int[]> layout, List<Input> inputs, int[][] nodes) {
        int[] owner = new int[trie.size()];
        Arrays.fill(owner, -1);
        for (int r = 0; r < layout.size(); r++) for (int n : layout.get(r)) if (owner[n] < 0) owner[n] = r;
        List<List<Read>> reads = new ArrayList<>(layout.size());
        for (int r = 0; r < layout.size(); r++) reads.add(new ArrayList<>());
        for (int i = 0; i < inputs.size(); i++) {
            int[] mine = nodes[i];
            int r = owner[mine[mine.length - 1]];
            int[] rowNodes = layout.get(r);
            int[] pos = new int[mine.length];
            for (int j = 0; j < mine.length; j++) pos[j] = Arrays.binarySearch(rowNodes, mine[j]);
            Input in = inputs.get(i);
            reads.get(r).add(new Read(in.request(), in.choice(), pos, in.targets()));
        }
        List<Row> rows = new ArrayList<>(layout.size());
        for (int r = 0; r < layout.size(); r++) {
            int[] rowNodes = layout.get(r);
            int n = rowNodes.length;
            int[] tokens = new int[n], positions = new int[n], ends = new int[n];
            for (int i = 0; i < n; i++) {
                int node = rowNodes[i];
                tokens[i] = trie.token(node);
                positions[i] = trie.depth(node);
                int e = Arrays.binarySearch(rowNodes, i, n, trie.end(node));
                ends[i] = e >= 0 ? e : -e - 1;
            }
            rows.add(new Row(tokens, positions, ends, reads.get(r)));
        }
        return rows;
    }
}
