package org.elusive.scoring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Cuts a {@link TokenTrie} into rows of at most {@code cap} tokens, each row a set of node ids closed
 * under "ancestor of": a node's hidden state needs all its ancestors in the same row.
 *
 * <p>A tree that fits is one piece. A tree that does not fit is split at its root: the children's
 * subtrees are packed into pieces that each repeat the root's ancestors-or-self (the shared prefix,
 * computed once per piece instead of once per question), and a child still too large is split the
 * same way. All pieces are then packed into rows best-fit decreasing, so rows come out nearly full
 * and batches nearly unpadded: whole trees fill the gaps split pieces leave, and the part-full last
 * piece of one MMLU subject shares a row with another's. A single root-to-leaf path
 * longer than {@code cap} (a left-truncated input) cannot be split: its tree gets a cap of its own
 * height.
 *
 * <p>With a prefix cache, a prefix that splitting would repeat in several pieces (an MMLU subject's
 * few-shot block) is computed once instead, ahead of the rows that need it, and those rows hold only
 * what follows it: many more questions per row, and no repeated block at all. Each such row reads one
 * prefix, so its pieces are not mixed with others'.
 */
final class RowLayout {
    /**
     * The shortest prefix worth a cache: computing one costs a forward call of its own and keeps its
     * rows out of other prefixes' batches, which a few repeated tokens cost less than.
     */
    static final int MIN_PREFIX = 64;

    /**
     * One row's nodes (ascending: the depth-first order of the row's forest) and the node whose
     * ancestors-or-self are the row's cached prefix, not in the row ({@code -1}: none).
     */
    record Piece(int anchor, int[] nodes) {}

    private RowLayout() {}

    /**
     * The rows of a run. With {@code cache}, a node whose children would be split between several
     * pieces each repeating its ancestors-or-self gets those computed once instead ({@link #cachesPrefix}),
     * and its pieces fill whole rows with the children alone.
     */
    static List<Piece> rows(TokenTrie t, int cap, boolean fill, boolean cache) {
        List<Piece> pieces = new ArrayList<>();
        for (int r = 0; r < t.size(); r = t.end(r)) {
            if (!fill || t.subtreeSize(r) <= cap) pieces.add(new Piece(-1, IntStream.range(r, t.end(r)).toArray()));
            else split(t, r, cap, cache, pieces);
        }
        if (!fill) return pieces;
        // pieces of a cached prefix were packed when split; the rest, largest first: split pieces,
        // then whole trees filling the gaps they leave
        List<Piece> rows = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (pieces.get(i).anchor() >= 0) rows.add(pieces.get(i));
            else ids.add(i);
        }
        for (List<Integer> bin : binPack(ids, i -> pieces.get(i).nodes().length, cap)) {
            rows.add(bin.size() == 1 ? pieces.get(bin.get(0)) : new Piece(-1, union(pieces, bin)));
        }
        return rows;
    }

    /**
     * Whether the pieces below {@code n} read its ancestors-or-self from a cache rather than repeat
     * them: the prefix is long enough ({@link #MIN_PREFIX}), holds no read and no truncated input
     * ({@link TokenTrie#anchorable}), and {@code n} branches while the prefix and all that follows it
     * do not fit one row, so that the prefix would be computed more than once (once per piece of the
     * children that fit beside it, and again in every piece of each child that does not).
     */
    static boolean cachesPrefix(TokenTrie t, int n, int cap) {
        int prefix = t.depth(n) + 1;
        boolean branches = !t.isLeaf(n) && t.end(n + 1) != t.end(n);
        return prefix >= MIN_PREFIX && branches && prefix + t.subtreeSize(n) - 1 > cap && t.anchorable(n);
    }

    /**
     * Pieces for the subtree of {@code root}, which does not fit in one row of {@code cap} tokens. A
     * node below a cached prefix keeps reading it: its pieces repeat only the path from the cache's
     * anchor down (a question's first words shared by several questions), unless that path is itself
     * long enough to be worth a cache of its own. Rows after a cache need room only for what follows
     * it, so they get the run's cap again (or the longest path below the anchor, if longer).
     */
    private static void split(TokenTrie t, int root, int cap, boolean cache, List<Piece> pieces) {
        Deque<int[]> todo = new ArrayDeque<>();
        // node, anchor of its cache (-1: none), row cap in force: >= the longest path that must share a row
        todo.push(new int[] {root, -1, Math.max(cap, t.height(root))});
        while (!todo.isEmpty()) {
            int[] next = todo.pop();
            int n = next[0], anchor = next[1], row = next[2];
            int above = anchor < 0 ? 0 : t.depth(anchor) + 1;
            if (cache && t.depth(n) + 1 - above >= MIN_PREFIX && cachesPrefix(t, n, row)) {
                anchor = n;
                row = Math.max(cap, t.height(n) - 1);
            }
            int base = anchor < 0 ? 0 : t.depth(anchor) + 1;
            // row >= the longest path from below the anchor leaves room for the deepest path below n
            int room = row - (t.depth(n) + 1 - base);
            List<Integer> small = new ArrayList<>();
            for (int c = n + 1; c < t.end(n); c = t.end(c)) {
                if (t.subtreeSize(c) <= room) small.add(c);
                else todo.push(new int[] {c, anchor, row});
            }
            for (List<Integer> bin : binPack(small, t::subtreeSize, room)) pieces.add(new Piece(anchor, nodes(t, n, anchor, bin)));
        }
    }

    /** Best-fit decreasing: each item goes to the fullest bin it still fits in (one too large: alone). */
    private static List<List<Integer>> binPack(List<Integer> items, IntUnaryOperator size, int cap) {
        items.sort(Comparator.comparingInt((Integer n) -> -size.applyAsInt(n)).thenComparingInt(n -> n));
        List<List<Integer>> bins = new ArrayList<>();
        TreeMap<Integer, Deque<Integer>> byRoom = new TreeMap<>();
        int[] room = new int[items.size()];
        for (int item : items) {
            int s = size.applyAsInt(item);
            Map.Entry<Integer, Deque<Integer>> fit = byRoom.ceilingEntry(s);
            int b;
            if (fit == null) {
                b = bins.size();
                bins.add(new ArrayList<>());
                room[b] = cap;
            } else {
                b = fit.getValue().pop();
                if (fit.getValue().isEmpty()) byRoom.remove(fit.getKey());
            }
            bins.get(b).add(item);
            room[b] -= s;
            if (room[b] > 0) byRoom.computeIfAbsent(room[b], k -> new ArrayDeque<>()).push(b);
        }
        return bins;
    }

    /** Pieces sharing a row: the sorted union of their nodes (two pieces of one split tree share its prefix). */
    private static int[] union(List<Piece> pieces, List<Integer> ids) {
        return ids.stream().flatMapToInt(i -> Arrays.stream(pieces.get(i).nodes())).sorted().distinct().toArray();
    }

    /** The path from below {@code cached} (-1: from the root) down to {@code n}, then the subtrees of {@code roots}, ascending. */
    private static int[] nodes(TokenTrie t, int n, int cached, List<Integer> roots) {
        int at = t.depth(n) + 1 - (cached < 0 ? 0 : t.depth(cached) + 1), size = at;
        for (int r : roots) size += t.subtreeSize(r);
        int[] out = new int[size];
        for (int a = n, i = at - 1; i >= 0; a = t.parent(a), i--) out[i] = a;
        List<Integer> sorted = new ArrayList<>(roots);
        sorted.sort(null);
        for (int r : sorted) for (int x = r; x < t.end(r); x++) out[at++] = x;
        return out;
    }
}
