package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void lengthsFollowTheTaskShapes() {
        List<List<Encoder.Pair>> hs = Workload.HELLASWAG.requests(400, 50304, 7);
        double ctx = 0, cont = 0;
        for (List<Encoder.Pair> r : hs) {
            assertEquals(4, r.size());
            ctx += r.get(0).context().length;
            for (Encoder.Pair p : r) {
                assertTrue(p.continuation().length >= 2 && p.continuation().length <= 76);
                cont += p.continuation().length / 4.0;
            }
        }
        assertEquals(29.5, ctx / 400, 1.5);
        assertEquals(13.9, cont / 400, 1.0);
        for (List<Encoder.Pair> r : Workload.MMLU5.requests(50, 50304, 7)) {
            assertTrue(r.get(0).context().length >= 260);
            for (Encoder.Pair p : r) assertEquals(1, p.continuation().length);
        }
    }

    /** MMLU 5-shot keeps the real shape: runs of 40 questions of one subject behind its shared block. */
    @Test
    void mmluQuestionsShareTheirSubjectsBlock() {
        List<List<Encoder.Pair>> reqs = Workload.MMLU5.requests(120, 50304, 7);
        int[] first = reqs.get(0).get(0).context(), second = reqs.get(40).get(0).context();
        int shared = 0;
        while (first[shared] == reqs.get(39).get(0).context()[shared]) shared++;
        assertTrue(shared >= 279 && shared <= 2505, "block of " + shared);
        assertTrue(first[0] != second[0] || first[1] != second[1], "the next subject has another block");
        assertEquals(14042, MmluShape.totalQuestions());
        assertEquals(57, MmluShape.subjects().size());
    }

    /**
     * Rows are filled: batches carry almost no padding, and MMLU's blocks are computed once per row.
     * The row cap chosen per run is short for HellaSwag (nothing shared across documents), where a
     * 256-token row holds one ~200-token document and batches of rows sorted by length pad by ~2%,
     * and long for MMLU (a shared block of hundreds of tokens).
     */
    @Test
    void layoutFillsRowsAndSharesBlocks() {
        try (RandomModel lm = RandomModel.create(RandomModel.config("tiny"), Device.cpu(), DataType.FLOAT32, 1)) {
            Scorer scorer = new Scorer(lm, null, ScoringOptions.defaults());
            List<List<Encoder.Pair>> hs = Workload.HELLASWAG.requests(200, 50304, 1);
            Scorer.Stats st = scorer.plan(hs);
            assertEquals(256, scorer.rowCap());
            assertTrue(st.padded() <= 1.025 * st.tokens(), st.toString());
            assertTrue(LmEvalWork.tokens(hs, 2048) > 1.8 * st.padded(), "HellaSwag: contexts once per question");
            List<List<Encoder.Pair>> mmlu = Workload.MMLU5.requests(160, 50304, 1);
            Scorer.Stats mm = scorer.plan(mmlu);
            // four subjects: each block computed once, the questions in the shortest rows
            assertEquals(256, scorer.rowCap());
            assertEquals(4, mm.prefixes());
            assertTrue(mm.padded() <= 1.1 * mm.tokens(), mm.toString());
            assertTrue(LmEvalWork.tokens(mmlu, 2048) > 5 * mm.computed(), "MMLU: blocks once per subject " + mm);
            Scorer repeating = new Scorer(lm, null, ScoringOptions.defaults().withPrefixCache(false));
            Scorer.Stats rep = repeating.plan(mmlu);
            assertEquals(1024, repeating.rowCap());
            assertTrue(rep.padded() <= 1.02 * rep.tokens(), rep.toString());
            assertTrue(LmEvalWork.tokens(mmlu, 2048) > 2.5 * rep.padded(), "MMLU: blocks once per row");
            assertTrue(mm.computed() < rep.computed(), mm + " vs " + rep);
        }
    }

    /**
     * One-token answers add nothing to a row, in lm-eval's layout too (its logits cache computes
     * identical inputs once); packed, the subject's block is computed once for the three questions.
     */
    @Test
    void packedRowsHoldEachContextOnce() {
        List<List<Encoder.Pair>> reqs = Workload.MMLU5.requests(3, 50304, 3);
        try (RandomModel lm = RandomModel.create(RandomModel.config("tiny"), Device.cpu(), DataType.FLOAT32, 1)) {
            assertEquals(50304, lm.config().vocabSize());
            Scorer packed = new Scorer(lm, null, ScoringOptions.defaults().withMaxLength(4096).withRowTokens(4096));
            packed.scoreTokens(reqs);
            long contexts = reqs.stream().mapToLong(r -> r.get(0).context().length).sum();
            int[] a = reqs.get(0).get(0).context(), b = reqs.get(1).get(0).context();
            int block = 0;
            while (a[block] == b[block]) block++;
            assertEquals(contexts - 2 * block, packed.stats().tokens());
            Scorer unpacked = new Scorer(lm, null, ScoringOptions.defaults().withMaxLength(4096).withPack(false));
            unpacked.scoreTokens(reqs);
            assertEquals(contexts, unpacked.stats().tokens());
        }
    }
}
