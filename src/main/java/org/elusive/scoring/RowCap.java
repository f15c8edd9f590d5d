package org.elusive.scoring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The token cap of a run's packed rows: a fixed number, or chosen per run from its token trie.
 *
 * <p>Why it adapts: a row of L tokens costs about {@code L·(a + b·L)} — per token, the weights
 * ({@code a ≈ 24·d²} flops for hidden size d) plus dense attention over the row
 * ({@code b·L ≈ 4·d·L}), so {@code a/b = 6·d}. A tree larger than a row is split into pieces that each
 * repeat its shared prefix of P tokens (an MMLU subject's ~500-token few-shot block), so a piece
 * computes only {@code L − P} useful tokens. Minimising {@code (a + b·L)·L / (L − P)} gives
 * {@code L = P + sqrt(P² + 6·d·P)}; with nothing shared (P = 0) the shortest row wins. A run mixes
 * trees, so {@link #choose} sums that estimate over all trees for each candidate cap and keeps the
 * cheapest: for a run of equal split trees that is the closed form, for a run of small trees
 * (HellaSwag) it is the floor. With a prefix cache the block is computed once and the rows after it
 * attend to its P keys plus their own, so shorter rows cost less per token. Candidates are the batch budget halved again and again, within
 * [{@link #MIN}, {@link #MAX}]: a batch holds whole rows, so a cap that does not divide the budget leaves
 * part of every forward call empty (measured, quiet 2-core CPU, MMLU-5-shot-shaped work: 1,920-token rows
 * ran 18% slower than 2,048-token ones although they compute 8% more tokens, 4 forward calls instead of 3).
 * Measured on CPU (Pythia-160m shape): MMLU-5-shot work ran 13% faster in 2,048-token rows
 * than 1,024, HellaSwag 10–16% faster in 256–512-token rows. The cap never changes the numbers
 * (tested), only the work.
 *
 * @param fixed  a cap given by the user, or 0 to choose one per run
 * @param limit  no row is longer than this (the batch budget), except an over-long input
 * @param hidden the model's hidden size d
 */
record RowCap(int fixed, int limit, int hidden) {
    static final int MIN = 256, MAX = 2048;

    RowCap {
        if (fixed < 0) throw new IllegalArgumentException("fixed must be >= 0: " + fixed);
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }

    /** A cap of exactly {@code n} tokens (bounded by nothing else). */
    static RowCap of(int n) { return new RowCap(n, Integer.MAX_VALUE, 1); }

    /** The cap for this run's trie, without a prefix cache. */
    int choose(TokenTrie t) { return choose(t, false); }

    /** The cap for this run's trie; {@code cache}: prefixes that rows would repeat are computed once ({@link RowLayout}). */
    int choose(TokenTrie t, boolean cache) {
        if (fixed > 0) return Math.min(fixed, limit);
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int cap : candidates()) {
            double c = cost(t, cap, cache);
            if (c < bestCost) {
                bestCost = c;
                best = cap;
            }
        }
        return best;
    }

    /** The limit, halved while it stays at least {@link #MIN}, keeping those at most {@link #MAX} (the limit itself if below MIN). */
    private List<Integer> candidates() {
        List<Integer> out = new ArrayList<>();
        for (int cap = limit; cap >= MIN; cap /= 2) if (cap <= MAX) out.add(cap);
        if (out.isEmpty()) out.add(Math.min(limit, MAX));
        return out;
    }

    /**
     * Estimated cost of the run in rows of {@code cap} tokens, up to a constant factor: per tree, the
     * tokens computed times the per-token cost of a row of that length.
     */
    private double cost(TokenTrie t, int cap, boolean cache) {
        double a = 6.0 * hidden, total = 0;
        for (int r = 0; r < t.size(); r = t.end(r)) {
            int size = t.subtreeSize(r), row = Math.max(cap, t.height(r));  // an over-long input: a row of its own
            total += size <= row ? size * (a + row) : split(t, r, cap, row, cache, a);
        }
        return total;
    }

    /**
     * Cost of the subtree of {@code r}, too large for one row, split as {@link RowLayout} splits it:
     * below each branching node, the children that fit are packed into pieces that repeat the node's
     * ancestors-or-self (a piece of {@code row} tokens carries {@code room} of them); a child too large
     * is split the same way. So real MMLU, whose subjects share the first words of their description,
     * is priced by each subject's few-shot block, not by those few shared words. A cached prefix of P
     * tokens costs its own causal pass once, and every token after it attends to P more keys in rows
     * of the run's cap (nested caches are priced as if each read from the root).
     */
    private static double split(TokenTrie t, int r, int cap, int row, boolean cache, double a) {
        double total = 0;
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(r);
        while (!todo.isEmpty()) {
            int n = branch(t, todo.pop());
            boolean cached = cache && RowLayout.cachesPrefix(t, n, row);
            int prefix = t.depth(n) + 1, after = Math.max(cap, t.height(n) - 1), room = cached ? after : row - prefix, fit = 0;
            for (int c = n + 1; c < t.end(n); c = t.end(c)) {
                if (t.subtreeSize(c) <= room) fit += t.subtreeSize(c);
                else todo.push(c);
            }
            total += cached ? prefix * (a + prefix) + fit * (a + after + prefix) : fit * (double) row / room * (a + row);
        }
        return total;
    }

    /** The first node from {@code r} down with several children (or the leaf of a chain): split pieces repeat it and its ancestors. */
    private static int branch(TokenTrie t, int r) {
        int n = r;
        while (!t.isLeaf(n) && t.end(n + 1) == t.end(n)) n++;
        return n;
    }
}
