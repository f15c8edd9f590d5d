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
        assertEquals(Workload.ARC, Workload.of("arc"));
    }

    /**
     * The context is computed once: one-token answers add nothing to the row, in lm-eval's layout too
     * (its logits cache computes identical inputs once).
     */
    @Test
    void packedRowsHoldEachContextOnce() {
        List<List<Encoder.Pair>> reqs = Workload.MMLU5.requests(3, 50304, 3);
        try (RandomModel lm = RandomModel.create(RandomModel.config("tiny"), Device.cpu(), DataType.FLOAT32, 1)) {
            assertEquals(50304, lm.config().vocabSize());
            Scorer packed = new Scorer(lm, null, ScoringOptions.defaults().withMaxLength(4096));
            packed.scoreTokens(reqs);
            long contexts = reqs.stream().mapToLong(r -> r.get(0).context().length).sum();
            assertEquals(contexts, packed.stats().tokens());
            Scorer unpacked = new Scorer(lm, null, ScoringOptions.defaults().withMaxLength(4096).withPack(false));
            unpacked.scoreTokens(reqs);
            assertEquals(contexts, unpacked.stats().tokens());
        }
    }
}
