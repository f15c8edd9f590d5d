package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackerTest {

    private static Encoder.Pair pair(int[] ctx, int[] cont) { return new Encoder.Pair(ctx, cont); }

    @Test
    void sharedContextIsLaidOutOnceAndSegmentsRestartPositions() {
        List<Packer.Row> rows = Packer.rows(7, List.of(
                pair(new int[] {1, 2, 3}, new int[] {10, 11, 12}),
                pair(new int[] {1, 2, 3}, new int[] {20}),
                pair(new int[] {1, 2, 3}, new int[] {30, 31})), 2048, true);
        assertEquals(1, rows.size());
        Packer.Row row = rows.get(0);
        // context once, then cont[:-1] of each choice: [10, 11], [], [30]
        assertArrayEquals(new int[] {1, 2, 3, 10, 11, 30}, row.tokens());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 3}, row.positions());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 3}, row.segments());
        assertArrayEquals(new int[] {2, 3, 4}, row.reads().get(0).positions());
        assertArrayEquals(new int[] {2}, row.reads().get(1).positions());
        assertArrayEquals(new int[] {2, 5}, row.reads().get(2).positions());
        assertArrayEquals(new int[] {30, 31}, row.reads().get(2).targets());
        assertEquals(7, row.reads().get(2).request());
    }

    @Test
    void perChoiceContextsShareTheirCommonPrefix() {
        Packer.Row row = Packer.rows(0, List.of(
                pair(new int[] {1, 2, 5}, new int[] {9, 8}),
                pair(new int[] {1, 2, 6, 7}, new int[] {9, 8})), 2048, true).get(0);
        assertArrayEquals(new int[] {1, 2, 5, 9, 6, 7, 9}, row.tokens());
        assertArrayEquals(new int[] {0, 1, 2, 3, 2, 3, 4}, row.positions());
        assertArrayEquals(new int[] {2, 3}, row.reads().get(0).positions());
        assertArrayEquals(new int[] {5, 6}, row.reads().get(1).positions());
    }

    @Test
    void tooLongChoiceFallsBackToLmEvalLeftTruncation() {
        // maxLength 4: inp = (ctx + cont)[-5:][:-1]
        List<Packer.Row> rows = Packer.rows(0, List.of(
                pair(new int[] {1, 2, 3, 4, 5, 6}, new int[] {7, 8}),
                pair(new int[] {1, 2, 3, 4, 5, 6}, new int[] {9})), 4, true);
        assertEquals(2, rows.size());
        Packer.Row first = rows.get(0);
        assertArrayEquals(new int[] {4, 5, 6, 7}, first.tokens());
        assertArrayEquals(new int[] {0, 1, 2, 3}, first.positions());
        assertArrayEquals(new int[] {2, 3}, first.reads().get(0).positions());
        assertArrayEquals(new int[] {3, 4, 5, 6}, rows.get(1).tokens());
        assertArrayEquals(new int[] {3}, rows.get(1).reads().get(0).positions());
    }

    @Test
    void unpackedIsOneRowPerChoiceAsLmEval() {
        List<Packer.Row> rows = Packer.rows(0, List.of(
                pair(new int[] {1, 2}, new int[] {3, 4}), pair(new int[] {1, 2}, new int[] {5})), 2048, false);
        assertEquals(2, rows.size());
        assertArrayEquals(new int[] {1, 2, 3}, rows.get(0).tokens());
        assertArrayEquals(new int[] {1, 2}, rows.get(1).tokens());
        assertArrayEquals(new int[] {1}, rows.get(1).reads().get(0).positions());
    }
}
