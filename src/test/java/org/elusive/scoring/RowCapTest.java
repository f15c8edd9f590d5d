package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-run row cap: long rows where a big prefix is shared, short ones where nothing is. */
class RowCapTest {

    /** {@code trees} trees, each a {@code prefix}-token trunk then {@code branches} branches of {@code tail} tokens. */
    private static TokenTrie trie(int trees, int prefix, int branches, int tail) { return trie(0, trees, prefix, branches, tail); }

    /** As above, all behind a common {@code head} of tokens (real MMLU: every subject's description starts alike). */
    private static TokenTrie trie(int head, int trees, int prefix, int branches, int tail) {
        List<int[]> seqs = new ArrayList<>();
        int tok = head;
        for (int t = 0; t < trees; t++) {
            int[] trunk = new int[head + prefix];
            for (int i = 0; i < head; i++) trunk[i] = i;
            for (int i = head; i < head + prefix; i++) trunk[i] = tok++;
            for (int b = 0; b < branches; b++) {
                int[] s = Arrays.copyOf(trunk, head + prefix + tail);
                for (int i = 0; i < tail; i++) s[head + prefix + i] = tok++;
                seqs.add(s);
            }
        }
        seqs.sort(Arrays::compare);
        int[][] sorted = seqs.toArray(new int[0][]), depths = new int[sorted.length][], nodes = new int[sorted.length][];
        for (int i = 0; i < sorted.length; i++) depths[i] = new int[] {sorted[i].length - 1};
        return TokenTrie.build(sorted, depths, new boolean[sorted.length], true, nodes);
    }

    @Test void sharedPrefixGivesTheClosedForm() {
        // P = 500, d = 64: P + sqrt(P² + 6dP) = 1165.1; of the budget's halvings (2048, 1024, 512, 256)
        // the cost (6d + L)·L/(L − P) is least at 1024 (2751 against 3217 at 2048)
        TokenTrie t = trie(3, 500, 40, 100);
        assertEquals(1024, new RowCap(0, 1 << 20, 64).choose(t));
    }

    @Test void aBlockBehindACommonHeadIsPricedByTheBlock() {
        // P = 11 + 500 = 511, d = 64: 1187.3 → 1024 (priced by the 11 shared tokens alone it would be 256)
        TokenTrie t = trie(11, 3, 500, 40, 100);
        assertEquals(1024, new RowCap(0, 1 << 20, 64).choose(t));
    }

    @Test void mmluShapeAtPythia160mTakesTheLongestRow() {
        // P = 500, d = 768: 2098 tokens, clamped to 2048; the batch budget clamps it further
        TokenTrie t = trie(3, 500, 40, 100);
        assertEquals(2048, new RowCap(0, 4096, 768).choose(t));
        assertEquals(1000, new RowCap(0, 1000, 768).choose(t));
    }

    @Test void nothingSharedAcrossDocumentsTakesTheShortestRow() {
        // HellaSwag shape: 100-token context, 4 endings of 25 tokens: every tree fits a 256-token row
        assertEquals(256, new RowCap(0, 4096, 768).choose(trie(50, 100, 4, 25)));
        assertEquals(100, new RowCap(0, 100, 768).choose(trie(50, 100, 4, 25)));
    }

    @Test void aFixedCapIsKeptWithinTheLimit() {
        TokenTrie t = trie(3, 500, 40, 100);
        assertEquals(300, new RowCap(300, 4096, 768).choose(t));
        assertEquals(200, new RowCap(300, 200, 768).choose(t));
        assertEquals(7, RowCap.of(7).choose(t));
    }

    @Test void aCachedPrefixTakesTheShortestRow() {
        // P = 500 computed once: the rows after it hold only the branches, and attention over P + L
        // keys is cheapest at the shortest candidate
        TokenTrie t = trie(3, 500, 40, 100);
        assertEquals(2048, new RowCap(0, 4096, 768).choose(t, false));
        assertEquals(256, new RowCap(0, 4096, 768).choose(t, true));
        // a prefix shorter than RowLayout.MIN_PREFIX is never cached: the same cap as without
        TokenTrie small = trie(3, 40, 40, 100);
        assertEquals(new RowCap(0, 4096, 768).choose(small, false), new RowCap(0, 4096, 768).choose(small, true));
    }
}
