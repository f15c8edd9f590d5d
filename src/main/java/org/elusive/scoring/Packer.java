package org.elusive.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p>With the prefix cache, a prefix that several rows would each repeat is computed once, its keys
 * and values kept for the rows that continue it ({@link RowLayout}); such a row names its prefix and
 * holds only what follows, at positions that continue the prefix's.
 *
 * <p>Unpacked mode is lm-eval's layout: one row per distinct input, no prefix shared, no filling
 * (its logits cache likewise computes identical inputs once).
 */
final class Packer {

    /** Where one choice's continuation log-probs are read in a row. */
    record Read(int request, int choice, int[] positions, int[] targets) {}

    /**
     * One model row: token {@code q} may attend to key {@code k} iff {@code k <= q < ends[k]}
     * (k is q's ancestor-or-self in the row's forest), and to every token of the layout's prefix
     * number {@code prefix} (-1: none), which the row continues.
     */
    record Row(int[] tokens, int[] positions, int[] ends, List<Read> reads, int prefix) {
        int length() { return tokens.length; }

        /** One chain (a single sequence): the model's own causal mask is enough. */
        boolean plainCausal() {
            for (int e : ends) if (e != tokens.length) return false;
            return true;
        }
    }

    /** One choice's model input and where its log-probs are read; {@code truncated}: left-truncated. */
    private record Input(int request, int choice, int[] tokens, int[] readDepths, int[] targets, boolean truncated) {}

    /** A run's rows, the prefixes they continue (token ids, positions from 0) and the cap they were packed to. */
    record Layout(List<Row> rows, List<int[]> prefixes, int cap) {}

    private Packer() {}

    /**
     * Rows for all choices of {@code requests} (request index = list index). {@code cap} caps a packed
     * row (fixed, or chosen for this run's trie: {@link RowCap}), except that an input longer than the
     * cap gets a row of its own length. {@code cache}: compute prefixes that rows would repeat once
     * (only with {@code pack}).
     */
    static Layout layout(List<List<Encoder.Pair>> requests, int maxLength, boolean pack, boolean cache, RowCap cap) {
        List<Input> inputs = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            List<Encoder.Pair> pairs = requests.get(r);
            for (int c = 0; c < pairs.size(); c++) inputs.add(input(r, c, pairs.get(c), maxLength));
        }
        inputs.sort((a, b) -> Arrays.compare(a.tokens(), b.tokens()));
        int[][] seqs = new int[inputs.size()][], depths = new int[inputs.size()][], nodes = new int[inputs.size()][];
        boolean[] truncated = new boolean[inputs.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = inputs.get(i).tokens();
            depths[i] = inputs.get(i).readDepths();
            truncated[i] = inputs.get(i).truncated();
        }
        TokenTrie trie = TokenTrie.build(seqs, depths, truncated, pack, nodes);
        boolean caching = pack && cache;
        int rowTokens = cap.choose(trie, caching);
        List<RowLayout.Piece> layout = RowLayout.rows(trie, rowTokens, pack, caching);
        List<int[]> prefixes = new ArrayList<>();
        return new Layout(materialize(trie, layout, inputs, nodes, prefixes), prefixes, rowTokens);
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
        return new Input(request, choice, inp, reads, cont, from > 0);
    }

    /**
     * Turns pieces into rows, and their anchors into {@code prefixes} (in order of first use). A node
     * repeated in several rows (a split tree's shared ancestors) is read from the first; a choice is
     * read from the row holding its deepest read node, which holds all of that node's ancestors below
     * the row's prefix, and no read lies in a prefix ({@link TokenTrie#anchorable}).
     */
    private static List<Row> materialize(TokenTrie trie, List<RowLayout.Piece> layout, List<Input> inputs, int[][] nodes,
            List<int[]> prefixes) {
        int[] owner = new int[trie.size()];
        Arrays.fill(owner, -1);
        for (int r = 0; r < layout.size(); r++) for (int n : layout.get(r).nodes()) if (owner[n] < 0) owner[n] = r;
        List<List<Read>> reads = new ArrayList<>(layout.size());
        for (int r = 0; r < layout.size(); r++) reads.add(new ArrayList<>());
        for (int i = 0; i < inputs.size(); i++) {
            int[] mine = nodes[i];
            int r = owner[mine[mine.length - 1]];
            int[] rowNodes = layout.get(r).nodes();
            int[] pos = new int[mine.length];
            for (int j = 0; j < mine.length; j++) pos[j] = Arrays.binarySearch(rowNodes, mine[j]);
            Input in = inputs.get(i);
            reads.get(r).add(new Read(in.request(), in.choice(), pos, in.targets()));
        }
        Map<Integer, Integer> prefixOf = new HashMap<>();
        List<Row> rows = new ArrayList<>(layout.size());
        for (int r = 0; r < layout.size(); r++) {
            int[] rowNodes = layout.get(r).nodes();
            int n = rowNodes.length;
            int[] tokens = new int[n], positions = new int[n], ends = new int[n];
            for (int i = 0; i < n; i++) {
                int node = rowNodes[i];
                tokens[i] = trie.token(node);
                positions[i] = trie.depth(node);
                int e = Arrays.binarySearch(rowNodes, i, n, trie.end(node));
                ends[i] = e >= 0 ? e : -e - 1;
            }
            int anchor = layout.get(r).anchor();
            int prefix = anchor < 0 ? -1 : prefixOf.computeIfAbsent(anchor, a -> {
                prefixes.add(path(trie, a));
                return prefixes.size() - 1;
            });
            rows.add(new Row(tokens, positions, ends, reads.get(r), prefix));
        }
        return rows;
    }

    /** The tokens from the root down to {@code n}. */
    private static int[] path(TokenTrie trie, int n) {
        int[] out = new int[trie.depth(n) + 1];
        for (int a = n; a >= 0; a = trie.parent(a)) out[trie.depth(a)] = trie.token(a);
        return out;
    }
}
