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
 */
final class RowLayout {
    private RowLayout() {}

    /** Node ids of each row, ascending, which is the depth-first order of the row's forest. */
    static List<int[]> rows(TokenTrie t, int cap, boolean fill) {
        List<int[]> pieces = new ArrayList<>();
        for (int r = 0; r < t.size(); r = t.end(r)) {
            if (!fill || t.subtreeSize(r) <= cap) pieces.add(nodes(t, -1, List.of(r)));
            else split(t, r, Math.max(cap, t.height(r)), pieces);
        }
        if (!fill) return pieces;
        // largest first: split pieces, then whole trees filling the gaps they leave
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) ids.add(i);
        List<int[]> rows = new ArrayList<>();
        for (List<Integer> bin : binPack(ids, i -> pieces.get(i).length, cap)) {
            rows.add(bin.size() == 1 ? pieces.get(bin.get(0)) : union(pieces, bin));
        }
        return rows;
    }

    /** Pieces for the subtree of {@code root}, which does not fit in one row of {@code cap} tokens. */
    private static void split(TokenTrie t, int root, int cap, List<int[]> pieces) {
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            // cap >= height(root) leaves room for at least the deepest path below n
            int room = cap - (t.depth(n) + 1);
            List<Integer> small = new ArrayList<>();
            for (int c = n + 1; c < t.end(n); c = t.end(c)) {
                if (t.subtreeSize(c) <= room) small.add(c);
                else todo.push(c);
            }
            for (List<Integer> bin : binPack(small, t::subtreeSize, room)) pieces.add(nodes(t, n, bin));
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
    private static int[] union(List<int[]> pieces, List<Integer> ids) {
        return ids.stream().flatMapToInt(i -> Arrays.stream(pieces.get(i))).sorted().distinct().toArray();
    }

    /** Ancestors-or-self of {@code anchor} (none if -1), then the subtrees of {@code roots}, ascending. */
    private static int[] nodes(TokenTrie t, int anchor, List<Integer> roots) {
        int n = anchor < 0 ? 0 : t.depth(anchor) + 1;
        for (int r : roots) n += t.subtreeSize(r);
        int[] out = new int[n];
        int at = anchor < 0 ? 0 : t.depth(anchor) + 1;
        for (int a = anchor, i = at - 1; a >= 0; a = t.parent(a), i--) out[i] = a;
        List<Integer> sorted = new ArrayList<>(roots);
        sorted.sort(null);
        for (int r : sorted) for (int x = r; x < t.end(r); x++) out[at++] = x;
        return out;
    }
}
