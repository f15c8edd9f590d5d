package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.elusive.model.CausalLM;
import org.elusive.catalog.Checkpoint;
import org.elusive.model.CheckpointLoader;
import org.elusive.model.Tokenizers;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real MMLU 5-shot prompts against lm-eval 0.4.13 (fixture: scripts/reference/make_mmlu_fixture.py):
 * two short subjects whose questions share the few-shot block, and US history, whose prompts are all
 * longer than the model's 2,048 positions and left-truncated. Every layout gives lm-eval's numbers,
 * and the work is what the layout promises: the shared block once, each truncated question once.
 */
class MmluParityTest {
    static final Checkpoint CKPT = new Checkpoint("fixture", "tiny-neox", "main", 0, Double.NaN);
    static final String HISTORY = "high_school_us_history";
    static CausalLM model;
    static HuggingFaceTokenizer tokenizer;
    static JsonNode fixture;

    @BeforeAll
    static void setUp() throws Exception {
        tokenizer = Tokenizers.load(Fixtures.sharedTokenizer());
        model = CheckpointLoader.load(Fixtures.resource("tiny-neox"), Device.cpu(), DataType.FLOAT32);
        fixture = new ObjectMapper().readTree(Fixtures.resource("lmeval_mmlu5.json").toFile());
    }

    @AfterAll
    static void tearDown() {
        if (model != null) model.close();
        if (tokenizer != null) tokenizer.close();
    }

    /** Requests of the fixture's subjects; doc ids offset per subject so that they are unique. */
    static List<Request> requests(boolean withHistory) {
        List<Request> out = new ArrayList<>();
        int base = 0;
        for (var it = fixture.get("subjects").fields(); it.hasNext(); base += 1000) {
            var s = it.next();
            if (!withHistory && s.getKey().equals(HISTORY)) continue;
            for (JsonNode d : s.getValue()) {
                List<String> conts = new ArrayList<>();
                d.get("continuations").forEach(c -> conts.add(c.asText()));
                out.add(new Request("mmlu_" + s.getKey(), base + d.get("doc_id").asLong(), List.of(d.get("context").asText()),
                        conts, conts.stream().map(String::trim).toList(), d.get("gold").asInt()));
            }
        }
        return out;
    }

    static void assertLmEval(List<ChoiceRow> rows, String how) {
        List<ChoiceRow> sorted = new ArrayList<>(rows);
        sorted.sort((x, y) -> x.docId() != y.docId() ? Long.compare(x.docId(), y.docId()) : Integer.compare(x.choice(), y.choice()));
        int i = 0, base = 0;
        for (var it = fixture.get("subjects").fields(); it.hasNext(); base += 1000) {
            for (JsonNode d : it.next().getValue()) {
                for (int c = 0; c < 4; c++, i++) {
                    ChoiceRow row = sorted.get(i);
                    String where = how + ": doc " + row.docId() + " choice " + c;
                    assertEquals(base + d.get("doc_id").asLong(), row.docId(), where);
                    assertEquals(d.get("ll").get(c).asDouble(), row.logprob(), 1e-4, where);
                    assertEquals(d.get("greedy").get(c).asBoolean(), row.greedy(), where);
                }
            }
        }
        assertEquals(i, sorted.size());
    }

    @Test
    void everyLayoutMatchesLmEval() {
        List<Request> reqs = requests(true);
        ScoringOptions o = ScoringOptions.defaults();
        assertLmEval(new Scorer(model, tokenizer, o).score(reqs, CKPT), "packed");
        assertLmEval(new Scorer(model, tokenizer, o.withPack(false).withBatchTokens(1)).score(reqs, CKPT), "unpacked, one row a batch");
        assertLmEval(new Scorer(model, tokenizer, o.withRowTokens(300)).score(reqs, CKPT), "rows of 300 tokens");
        assertLmEval(new Scorer(model, tokenizer, o.withRowTokens(4096).withBatchTokens(8192)).score(reqs, CKPT), "rows of 4096");
        List<Request> shuffled = new ArrayList<>(reqs);
        Collections.shuffle(shuffled, new Random(5));
        assertLmEval(new Scorer(model, tokenizer, o.withBatchTokens(2048)).score(shuffled, CKPT), "shuffled");
    }

    @Test
    void theSharedBlockIsComputedOnceAndEachTruncatedQuestionOnce() {
        List<Request> reqs = requests(true);
        // rows of a fixed 1,024 tokens (the cap chosen per run would be longer: a ~500-token shared block)
        Scorer packed = new Scorer(model, tokenizer, ScoringOptions.defaults().withRowTokens(1024));
        List<List<Encoder.Pair>> encoded = packed.encode(reqs);
        // each short subject fits one 1,024-token row: its tokens are the distinct prefixes of its prompts
        // (both subjects start with the same 11 tokens of the description: one tree, split between the
        // two rows, which each repeat those 11)
        Set<String> prefixes = new HashSet<>();
        int history = 0;
        for (int r = 0; r < reqs.size(); r++) {
            int[] ctx = encoded.get(r).get(0).context();
            if (reqs.get(r).task().endsWith(HISTORY)) {
                history++;
                continue;
            }
            for (int d = 1; d <= ctx.length; d++) prefixes.add(reqs.get(r).task() + Arrays.toString(Arrays.copyOf(ctx, d)));
        }
        assertEquals(6, history);
        packed.score(reqs, CKPT);
        // one 2,048-token row per history question (lm-eval's work), not one per choice
        assertEquals(prefixes.size() + 6 * 2048L, packed.stats().tokens());
        // lm-eval's layout: one row per distinct input, every short prompt whole
        Scorer unpacked = new Scorer(model, tokenizer, ScoringOptions.defaults().withPack(false));
        unpacked.score(reqs, CKPT);
        assertEquals(LmEvalWork.tokens(encoded, 2048), unpacked.stats().tokens());
    }

    /**
     * Rows shorter than a subject's questions force a split: with the prefix cache each subject's
     * few-shot block (its questions' common prefix) is computed exactly once, whatever the row cap,
     * batch size or request order, and every number stays lm-eval's. The truncated history questions
     * keep rows of their own (no cache).
     */
    @Test
    void aCachedFewShotBlockIsComputedOncePerSubjectAndChangesNoNumber() {
        List<Request> reqs = requests(true);
        ScoringOptions o = ScoringOptions.defaults();
        List<List<Encoder.Pair>> encoded = new Scorer(model, tokenizer, o).encode(reqs);
        long blocks = 0;
        for (String subject : List.of("abstract_algebra", "anatomy")) {
            int[] common = null;
            for (int r = 0; r < reqs.size(); r++) {
                if (!reqs.get(r).task().endsWith(subject)) continue;
                int[] ctx = encoded.get(r).get(0).context();
                common = common == null ? ctx : Arrays.copyOf(common, Math.max(0, Arrays.mismatch(common, ctx)));
            }
            blocks += common.length;
        }
        List<Request> shuffled = new ArrayList<>(reqs);
        Collections.shuffle(shuffled, new Random(11));
        for (int rowTokens : new int[] {300, 512}) {
            for (int batchTokens : new int[] {1, 700, 8192}) {
                for (List<Request> order : List.of(reqs, shuffled)) {
                    String how = "rows of " + rowTokens + ", batches of " + batchTokens + (order == reqs ? "" : ", shuffled");
                    Scorer cached = new Scorer(model, tokenizer, o.withRowTokens(rowTokens).withBatchTokens(batchTokens));
                    assertLmEval(cached.score(order, CKPT), how);
                    assertEquals(2, cached.stats().prefixes(), how);
                    assertEquals(blocks, cached.stats().prefixTokens(), how);
                }
            }
        }
        Scorer repeated = new Scorer(model, tokenizer, o.withRowTokens(512).withPrefixCache(false));
        assertLmEval(repeated.score(reqs, CKPT), "rows of 512, no cache");
        assertEquals(0, repeated.stats().prefixes());
        Scorer cached = new Scorer(model, tokenizer, o.withRowTokens(512));
        cached.score(reqs, CKPT);
        assertTrue(cached.stats().computed() < repeated.stats().computed(), cached.stats() + " vs " + repeated.stats());
    }
}
