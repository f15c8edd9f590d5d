package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackerTest {

    private static Encoder.Pair pair(int[] ctx, int[] cont) { return new Encoder.Pair(ctx, cont); }

    private static Packer.Read read(Packer.Row row, int request, int choice) {
        return row.reads().stream().filter(r -> r.request() == request && r.choice() == choice).findFirst().orElseThrow();
    }

    @Test
    void sharedContextIsLaidOutOnceAndBranchesSeeOnlyTheirAncestors() {
        List<Packer.Row> rows = Packer.layout(List.of(List.of(
                pair(new int[] {1, 2, 3}, new int[] {10, 11, 12}),
                pair(new int[] {1, 2, 3}, new int[] {20}),
                pair(new int[] {1, 2, 3}, new int[] {30, 31}))), 2048, true, false, RowCap.of(1024)).rows();
        assertEquals(1, rows.size());
        Packer.Row row = rows.get(0);
        // context once, then cont[:-1] of each choice: [10, 11], [], [30]
        assertArrayEquals(new int[] {1, 2, 3, 10, 11, 30}, row.tokens());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 3}, row.positions());
        // the context is everyone's ancestor; 30 does not see 10 and 11
        assertArrayEquals(new int[] {6, 6, 6, 5, 5, 6}, row.ends());
        assertArrayEquals(new int[] {2, 3, 4}, read(row, 0, 0).positions());
        assertArrayEquals(new int[] {2}, read(row, 0, 1).positions());
        assertArrayEquals(new int[] {2, 5}, read(row, 0, 2).positions());
        assertArrayEquals(new int[] {30, 31}, read(row, 0, 2).targets());
    }

    @Test
    void aPrefixSharedAcrossDocumentsIsComputedOnce() {
        int[] shot = {5, 6, 7, 8};
        List<Packer.Row> rows = Packer.layout(List.of(
                List.of(pair(concat(shot, 1), new int[] {40}), pair(concat(shot, 1), new int[] {41})),
                List.of(pair(concat(shot, 2, 3), new int[] {40}), pair(concat(shot, 2, 3), new int[] {41}))),
                2048, true, false, RowCap.of(1024)).rows();
        assertEquals(1, rows.size());
        Packer.Row row = rows.get(0);
        assertArrayEquals(new int[] {5, 6, 7, 8, 1, 2, 3}, row.tokens());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 4, 5}, row.positions());
        assertArrayEquals(new int[] {7, 7, 7, 7, 5, 7, 7}, row.ends());
        assertArrayEquals(new int[] {4}, read(row, 0, 1).positions());
        assertArrayEquals(new int[] {6}, read(row, 1, 0).positions());
        assertArrayEquals(new int[] {41}, read(row, 1, 1).targets());
    }

    @Test
    void identicalTruncatedInputsOfOneTokenChoicesAreOnePathWithFourReads() {
        // maxLength 4: inp = (ctx + cont)[-5:][:-1] = ctx[-4:] for every one-token choice
        int[] ctx = {1, 2, 3, 4, 5, 6};
        List<Encoder.Pair> q = new ArrayList<>();
        for (int c = 0; c < 4; c++) q.add(pair(ctx, new int[] {20 + c}));
        for (boolean pack : new boolean[] {true, false}) {
            List<Packer.Row> rows = Packer.layout(List.of(q), 4, pack, false, RowCap.of(1024)).rows();
            assertEquals(1, rows.size());
            Packer.Row row = rows.get(0);
            assertArrayEquals(new int[] {3, 4, 5, 6}, row.tokens());
            assertArrayEquals(new int[] {0, 1, 2, 3}, row.positions());
            assertTrue(row.plainCausal());
            assertEquals(4, row.reads().size());
            for (int c = 0; c < 4; c++) assertArrayEquals(new int[] {3}, read(row, 0, c).positions());
        }
    }

    @Test
    void multiTokenTruncatedChoicesKeepLmEvalsWindows() {
        List<Packer.Row> rows = Packer.layout(List.of(List.of(
                pair(new int[] {1, 2, 3, 4, 5, 6}, new int[] {7, 8}),
                pair(new int[] {1, 2, 3, 4, 5, 6}, new int[] {9}))), 4, true, false, RowCap.of(1024)).rows();
        assertEquals(1, rows.size());
        Packer.Row row = rows.get(0);
        // two trees in one row: [3, 4, 5, 6] and [4, 5, 6, 7], positions from 0 each
        assertArrayEquals(new int[] {3, 4, 5, 6, 4, 5, 6, 7}, row.tokens());
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, row.positions());
        assertArrayEquals(new int[] {4, 4, 4, 4, 8, 8, 8, 8}, row.ends());
        assertArrayEquals(new int[] {6, 7}, read(row, 0, 0).positions());
        assertArrayEquals(new int[] {3}, read(row, 0, 1).positions());
    }

    @Test
    void unpackedIsOneRowPerDistinctInputAsLmEval() {
        List<Packer.Row> rows = Packer.layout(List.of(List.of(
                pair(new int[] {1, 2}, new int[] {3, 4}), pair(new int[] {1, 2}, new int[] {5}))), 2048, false, false, RowCap.of(1024)).rows();
        assertEquals(2, rows.size());
        assertArrayEquals(new int[] {1, 2}, rows.get(0).tokens());
        assertArrayEquals(new int[] {1}, rows.get(0).reads().get(0).positions());
        assertArrayEquals(new int[] {1, 2, 3}, rows.get(1).tokens());
        assertTrue(rows.stream().allMatch(Packer.Row::plainCausal));
    }

    @Test
    void aTreeLargerThanARowRepeatsItsSharedPrefixInEachRow() {
        int[] shot = {5, 6, 7, 8, 9, 10};
        List<List<Encoder.Pair>> reqs = new ArrayList<>();
        for (int q = 0; q < 5; q++) reqs.add(List.of(pair(concat(shot, 100 + q, 200 + q), new int[] {1})));
        // 6 shared + 5 x 2 own tokens = 16 > cap 10: rows of the prefix and two questions each
        List<Packer.Row> rows = Packer.layout(reqs, 2048, true, false, RowCap.of(10)).rows();
        assertEquals(3, rows.size());
        for (Packer.Row row : rows) {
            assertArrayEquals(shot, Arrays.copyOf(row.tokens(), 6));
            assertTrue(row.length() <= 10);
        }
        assertEquals(6 * 3 + 10, rows.stream().mapToInt(Packer.Row::length).sum());
        checkReads(reqs, rows, 2048);
    }

    @Test
    void partFullPiecesOfSplitTreesShareARow() {
        List<List<Encoder.Pair>> reqs = new ArrayList<>();
        for (int[] shot : new int[][] {{5, 6, 7}, {8, 9, 10}}) {
            for (int q = 0; q < 5; q++) reqs.add(List.of(pair(concat(shot, 100 + q, 200 + q), new int[] {1})));
        }
        // per subject 3 + 5 x 2 = 13 > cap 12: pieces of 3 + 4 x 2 = 11 and 3 + 2 = 5; the two 5s share a row
        List<Packer.Row> rows = Packer.layout(reqs, 2048, true, false, RowCap.of(12)).rows();
        assertEquals(List.of(11, 11, 10), rows.stream().map(Packer.Row::length).sorted((a, b) -> b - a).toList());
        Packer.Row shared = rows.stream().filter(r -> r.length() == 10).findFirst().orElseThrow();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, shared.positions());
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 10, 10, 10, 10, 10}, shared.ends());
        checkReads(reqs, rows, 2048);
    }

    /** Whatever the cap and sharing: every choice is read once, at lm-eval's inputs and targets. */
    @Test
    void everyReadSeesExactlyItsOwnInputForAnyCap() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int maxLength = 6 + rnd.nextInt(30);
            List<List<Encoder.Pair>> reqs = randomRequests(rnd, 1 + rnd.nextInt(12));
            int cap = 1 + rnd.nextInt(60);
            boolean pack = rnd.nextInt(4) > 0;
            List<Packer.Row> rows = Packer.layout(reqs, maxLength, pack, false, RowCap.of(cap)).rows();
            int longest = 0;
            for (List<Encoder.Pair> r : reqs) {
                for (Encoder.Pair p : r) longest = Math.max(longest, Math.min(maxLength, p.context().length + p.continuation().length - 1));
            }
            for (Packer.Row row : rows) assertTrue(row.length() <= Math.max(cap, longest), "row over the cap");
            checkReads(reqs, rows, maxLength);
        }
    }

    /**
     * A 70-token prefix that four rows would repeat is computed once: the rows hold only the
     * questions, at positions after it, and every read still sees exactly its own input.
     */
    @Test
    void aPrefixRowsWouldRepeatIsCachedOnce() {
        int[] shot = new int[70];
        for (int i = 0; i < shot.length; i++) shot[i] = 1000 + i;
        List<List<Encoder.Pair>> reqs = new ArrayList<>();
        for (int q = 0; q < 5; q++) reqs.add(List.of(pair(concat(shot, 100 + q, 200 + q), new int[] {1})));
        Packer.Layout cached = Packer.layout(reqs, 2048, true, true, RowCap.of(4));
        assertEquals(1, cached.prefixes().size());
        assertArrayEquals(shot, cached.prefixes().get(0));
        assertEquals(3, cached.rows().size());
        for (Packer.Row row : cached.rows()) {
            assertEquals(0, row.prefix());
            assertTrue(row.length() <= 4);
            assertTrue(Arrays.stream(row.positions()).allMatch(p -> p >= 70));
        }
        assertEquals(10, cached.rows().stream().mapToInt(Packer.Row::length).sum());
        checkReads(reqs, cached, 2048);
        // without the cache rows grow to the longest input (72 tokens), room for one question each,
        // and every row repeats the prefix
        Packer.Layout repeated = Packer.layout(reqs, 2048, true, false, RowCap.of(4));
        assertTrue(repeated.prefixes().isEmpty());
        assertEquals(70 * 5 + 10, repeated.rows().stream().mapToInt(Packer.Row::length).sum());
    }

    /** Long shared blocks, truncation and any cap: with the cache every read still sees exactly its own input. */
    @Test
    void everyReadSeesExactlyItsOwnInputWithCachedPrefixes() {
        Random rnd = new Random(12);
        int cachedRuns = 0;
        for (int trial = 0; trial < 40; trial++) {
            int maxLength = 60 + rnd.nextInt(60);
            int[] shot = tokens(rnd, 64 + rnd.nextInt(20));
            List<List<Encoder.Pair>> reqs = new ArrayList<>();
            for (List<Encoder.Pair> r : randomRequests(rnd, 2 + rnd.nextInt(12))) {
                reqs.add(r.stream().map(p -> pair(concat(shot, p.context()), p.continuation())).toList());
            }
            Packer.Layout layout = Packer.layout(reqs, maxLength, true, true, RowCap.of(1 + rnd.nextInt(60)));
            if (!layout.prefixes().isEmpty()) cachedRuns++;
            checkReads(reqs, layout, maxLength);
        }
        assertTrue(cachedRuns > 10, cachedRuns + " runs with a cached prefix");
    }

    private static void checkReads(List<List<Encoder.Pair>> reqs, Packer.Layout layout, int maxLength) {
        checkReads(reqs, layout.rows(), layout.prefixes(), maxLength);
    }

    private static void checkReads(List<List<Encoder.Pair>> reqs, List<Packer.Row> rows, int maxLength) {
        checkReads(reqs, rows, List.of(), maxLength);
    }

    /**
     * Rebuilds each read's input from the row's prefix and mask (its ancestors) and compares it with
     * lm-eval's.
     */
    private static void checkReads(List<List<Encoder.Pair>> reqs, List<Packer.Row> rows, List<int[]> prefixes, int maxLength) {
        Set<String> seen = new HashSet<>();
        for (Packer.Row row : rows) {
            for (Packer.Read read : row.reads()) {
                assertTrue(seen.add(read.request() + "/" + read.choice()), "read twice");
                Encoder.Pair p = reqs.get(read.request()).get(read.choice());
                int[] ctx = p.context(), cont = p.continuation();
                int[] all = concat(ctx, cont);
                int from = Math.max(0, all.length - (maxLength + 1));
                int[] inp = Arrays.copyOfRange(all, from, all.length - 1);
                assertArrayEquals(cont, read.targets());
                for (int j = 0; j < cont.length; j++) {
                    int q = read.positions()[j];
                    List<Integer> seenTokens = new ArrayList<>();
                    if (row.prefix() >= 0) for (int tok : prefixes.get(row.prefix())) seenTokens.add(tok);
                    for (int k = 0; k <= q; k++) {
                        if (q < row.ends()[k]) {
                            assertEquals(seenTokens.size(), row.positions()[k], "position = depth");
                            seenTokens.add(row.tokens()[k]);
                        }
                    }
                    int upTo = inp.length - cont.length + j + 1;
                    assertArrayEquals(Arrays.copyOf(inp, upTo), seenTokens.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
        assertEquals(reqs.stream().mapToInt(List::size).sum(), seen.size());
    }

    private static List<List<Encoder.Pair>> randomRequests(Random rnd, int n) {
        int[] shot = tokens(rnd, rnd.nextInt(10));
        List<List<Encoder.Pair>> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            int[] own = concat(rnd.nextBoolean() ? shot : new int[0], tokens(rnd, 1 + rnd.nextInt(12)));
            List<Encoder.Pair> choices = new ArrayList<>();
            int k = 1 + rnd.nextInt(4);
            for (int c = 0; c < k; c++) {
                int[] ctx = rnd.nextInt(5) == 0 ? concat(own, tokens(rnd, 1 + rnd.nextInt(3))) : own;
                choices.add(pair(ctx, tokens(rnd, 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 5))));
            }
            out.add(choices);
        }
        return out;
    }

    /** Small alphabet, so that sequences often share prefixes by chance too. */
    private static int[] tokens(Random rnd, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = 1 + rnd.nextInt(3);
        return t;
    }

    private static int[] concat(int[] a, int... b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
