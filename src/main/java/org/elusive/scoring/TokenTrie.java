package org.elusive.scoring;

import java.util.Arrays;

/**
 * The prefix tree of a run's model inputs. A node is one token at one position (its depth), and its
 * hidden state depends only on the tokens of its ancestors-or-self: two inputs share a node exactly
 * when they agree on every token up to it, at the same positions. Sharing is therefore exact, never
 * an approximation.
 *
 * <p>Built from lexicographically sorted sequences: a sequence's longest common prefix with all
 * earlier ones is its common prefix with the one just before it, so insertion needs no child maps,
 * and node ids come out in depth-first preorder. A node's subtree is then the id range
 * {@code [n, end(n))}, which is what the row layout and the attention mask work with.
 */
final class TokenTrie {
    private int size;
    private int[] token = new int[1024], depth = new int[1024], parent = new int[1024], end = new int[1024];
    private int[] height;
    private boolean[] anchorable;

    /**
     * Inserts {@code sorted} (lexicographic order) and returns, per sequence, the node id at each
     * depth in {@code readDepths[i]}. With {@code sharePrefixes} off only identical sequences share
     * (lm-eval's own layout, whose logits cache computes an identical input once). A node may anchor
     * a cached prefix unless a read lies on its path or a {@code pinned} sequence (a left-truncated
     * input, which keeps today's row of its own) passes through it.
     */
    static TokenTrie build(int[][] sorted, int[][] readDepths, boolean[] pinned, boolean sharePrefixes, int[][] readNodes) {
        TokenTrie t = new TokenTrie();
        int maxLen = 0;
        for (int[] s : sorted) maxLen = Math.max(maxLen, s.length);
        int[] path = new int[maxLen];
        int pathLen = 0;
        int[] prev = new int[0];
        for (int i = 0; i < sorted.length; i++) {
            int[] s = sorted[i];
            int lcp = commonPrefix(prev, s);
            if (!sharePrefixes && !(lcp == s.length && s.length == prev.length)) lcp = 0;
            if (s.length > lcp) {
                for (int d = lcp; d < pathLen; d++) t.end[path[d]] = t.size;
                for (int d = lcp; d < s.length; d++) path[d] = t.add(s[d], d, d == 0 ? -1 : path[d - 1]);
                pathLen = s.length;
            }
            int[] nodes = new int[readDepths[i].length];
            for (int j = 0; j < nodes.length; j++) nodes[j] = path[readDepths[i][j]];
            readNodes[i] = nodes;
            prev = s;
        }
        for (int d = 0; d < pathLen; d++) t.end[path[d]] = t.size;
        t.computeHeights();
        t.computeAnchorable(readNodes, pinned);
        return t;
    }

    /** Whether {@code n}'s ancestors-or-self may be computed once as a cached prefix ({@link RowLayout}). */
    boolean anchorable(int n) { return anchorable[n]; }

    int size() { return size; }

    int token(int n) { return token[n]; }

    int depth(int n) { return depth[n]; }

    int parent(int n) { return parent[n]; }

    /** One past the last node of {@code n}'s subtree. */
    int end(int n) { return end[n]; }

    int subtreeSize(int n) { return end[n] - n; }

    /** Nodes on the longest path from {@code n} down to a leaf, {@code n} included. */
    int height(int n) { return height[n]; }

    /** The first child of {@code n} is {@code n + 1}; the next sibling of child c is {@code end(c)}. */
    boolean isLeaf(int n) { return end[n] == n + 1; }

    private int add(int tok, int d, int par) {
        if (size == token.length) {
            int n = size * 2;
            token = Arrays.copyOf(token, n);
            depth = Arrays.copyOf(depth, n);
            parent = Arrays.copyOf(parent, n);
            end = Arrays.copyOf(end, n);
        }
        token[size] = tok;
        depth[size] = d;
        parent[size] = par;
        return size++;
    }

    /** Children have larger ids than their parent: one backward pass settles every height. */
    private void computeHeights() {
        height = new int[size];
        for (int n = size - 1; n >= 0; n--) {
            height[n] = Math.max(height[n], 1);
            if (parent[n] >= 0) height[parent[n]] = Math.max(height[parent[n]], height[n] + 1);
        }
    }

    /** A read node, or any node of a pinned sequence, blocks itself and its subtree: parents come first in id order. */
    private void computeAnchorable(int[][] readNodes, boolean[] pinned) {
        boolean[] blocked = new boolean[size];
        for (int i = 0; i < readNodes.length; i++) {
            int[] nodes = readNodes[i];
            for (int n : nodes) blocked[n] = true;
            if (pinned[i] && nodes.length > 0) for (int n = nodes[nodes.length - 1]; n >= 0; n = parent[n]) blocked[n] = true;
        }
        anchorable = new boolean[size];
        for (int n = 0; n < size; n++) anchorable[n] = !blocked[n] && (parent[n] < 0 || anchorable[parent[n]]);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = Arrays.mismatch(a, 0, n, b, 0, n);
        return i < 0 ? n : i;
    }
}
