package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.elusive.catalog.Checkpoint;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.TorchSum;
import org.elusive.task.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Packing, batch size, request order and out-of-memory back-off must not change any number. */
class ScorerInvarianceTest {
    static final Checkpoint CKPT = new Checkpoint("toy", "toy/model", "step1", 1000, 2e6);
    static HuggingFaceTokenizer tokenizer;
    static ToyLM model;

    @BeforeAll
    static void setUp() throws Exception {
        tokenizer = Encoder.tokenizer(Path.of(ScorerInvarianceTest.class.getResource("/scoring/toy-tokenizer.json").toURI()));
        model = new ToyLM(320, 32, 256, 42, 0);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        tokenizer.close();
    }

    static List<Request> requests(long seed, int n) {
        String[] words = {"the", "quick", "brown", "fox", "answer", "question", "roof", "cat", "mat", "surgeon",
                "Sarah", "Maria", "cases", "easier", "lazy", "dog", "is", "on", "a", "He"};
        Random rnd = new Random(seed);
        List<Request> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            int k = 2 + rnd.nextInt(3);
            boolean perChoice = rnd.nextInt(4) == 0;
            String ctx = d % 11 == 0 ? "" : sentence(rnd, words, 1 + rnd.nextInt(30)) + (rnd.nextBoolean() ? " " : ":");
            List<String> contexts = new ArrayList<>(), conts = new ArrayList<>(), texts = new ArrayList<>();
            String shared = " " + sentence(rnd, words, 1 + rnd.nextInt(4));
            for (int c = 0; c < k; c++) {
                String text = perChoice ? shared.trim() : sentence(rnd, words, 1 + rnd.nextInt(8));
                if (perChoice) contexts.add(ctx + " " + words[rnd.nextInt(words.length)]);
                conts.add(" " + text);
                texts.add(text);
            }
            if (!perChoice) contexts.add(ctx);
            out.add(new Request("toy", d, contexts, conts, texts, rnd.nextInt(k)));
        }
        out.add(new Request("toy", n, List.of("the the the the"), List.of(" the the", " cat"), List.of("the the", "cat"), 0));
        return out;
    }

    static String sentence(Random rnd, String[] words, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : " ").append(words[rnd.nextInt(words.length)]);
        return s.toString();
    }

    static List<ChoiceRow> score(CausalLMHolder h, List<Request> reqs, ScoringOptions o) {
        return new Scorer(h.lm, tokenizer, o).score(reqs, CKPT);
    }

    record CausalLMHolder(org.elusive.model.CausalLM lm) {}

    static void assertSame(List<ChoiceRow> a, List<ChoiceRow> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            ChoiceRow x = a.get(i), y = b.get(i);
            assertEquals(x.docId(), y.docId());
            assertEquals(x.choice(), y.choice());
            assertEquals(x.nTokens(), y.nTokens());
            // a float32 sum (lm-eval's) of hundreds of tokens rounds at ~1e-7 relative: 1e-4, or 1e-6 of the value
            assertEquals(x.logprob(), y.logprob(), Math.max(1e-4, 1e-6 * Math.abs(x.logprob())), "doc " + x.docId() + " choice " + x.choice());
            assertEquals(x.greedy(), y.greedy(), "greedy of doc " + x.docId() + " choice " + x.choice());
            for (int j = 0; j < x.nTokens(); j++) assertEquals(x.tokenLogprobs()[j], y.tokenLogprobs()[j], 1e-4);
        }
    }

    @Test
    void packingBatchSizeAndOrderDoNotChangeResults() {
        List<Request> reqs = requests(1, 30);
        CausalLMHolder h = new CausalLMHolder(model);
        List<ChoiceRow> reference = score(h, reqs, ScoringOptions.defaults().withPack(false).withBatchTokens(1));
        assertTrue(reference.stream().anyMatch(ChoiceRow::greedy), "some continuation should be greedy");
        assertSame(reference, score(h, reqs, ScoringOptions.defaults()));
        assertSame(reference, score(h, reqs, ScoringOptions.defaults().withBatchTokens(64)));
        assertSame(reference, score(h, reqs, ScoringOptions.defaults().withBatchTokens(100_000)));
        List<Request> shuffled = new ArrayList<>(reqs);
        Collections.shuffle(shuffled, new Random(3));
        List<ChoiceRow> got = new ArrayList<>(score(h, shuffled, ScoringOptions.defaults().withBatchTokens(300)));
        got.sort((x, y) -> x.docId() != y.docId() ? Long.compare(x.docId(), y.docId()) : Integer.compare(x.choice(), y.choice()));
        assertSame(reference, got);
    }

    /**
     * DJL turns autograd off only on the thread that starts the engine; scoring on any other thread
     * (here a fresh one, where libtorch's default is on) still runs every forward without it, and
     * leaves the thread's mode as it found it.
     */
    @Test
    void scoringOnAnotherThreadRunsWithoutAutograd() throws Exception {
        List<Request> reqs = requests(1, 8);
        ToyLM toy = new ToyLM(320, 32, 256, 7, 0);
        boolean[] before = new boolean[1], after = new boolean[1];
        Thread t = new Thread(() -> {
            ai.djl.pytorch.jni.JniUtils.setGradMode(true);
            before[0] = ai.djl.pytorch.jni.JniUtils.isGradMode();
            score(new CausalLMHolder(toy), reqs, ScoringOptions.defaults());
            after[0] = ai.djl.pytorch.jni.JniUtils.isGradMode();
        });
        t.start();
        t.join();
        toy.close();
        assertTrue(before[0], "autograd on before scoring");
        assertTrue(toy.calls > 0, "the model ran");
        assertEquals(0, toy.gradCalls, "forward calls made with autograd on");
        assertTrue(after[0], "the thread's mode restored");
    }

    @Test
    void truncatedChoicesMatchUnpackedLeftTruncation() {
        List<Request> reqs = requests(2, 20);
        CausalLMHolder h = new CausalLMHolder(model);
        ScoringOptions shortModel = ScoringOptions.defaults().withMaxLength(40);
        assertSame(score(h, reqs, shortModel.withPack(false).withBatchTokens(1)), score(h, reqs, shortModel));
    }

    /** Few-shot-shaped requests: groups of documents behind one long shared block, one-token answers. */
    static List<Request> fewShot(long seed, int n) {
        Random rnd = new Random(seed);
        String[] words = {"the", "quick", "brown", "fox", "answer", "question", "roof", "cat", "mat", "dog"};
        String[] blocks = {sentence(rnd, words, 25) + "\nAnswer: A\n\n", sentence(rnd, words, 12) + "\nAnswer: B\n\n"};
        List<Request> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            String ctx = blocks[d % 2] + sentence(rnd, words, 1 + rnd.nextInt(d % 5 == 0 ? 30 : 8)) + "\nAnswer:";
            List<String> conts = List.of(" A", " B", " C", " D");
            out.add(new Request("fewshot", d, List.of(ctx), conts, List.of("A", "B", "C", "D"), rnd.nextInt(4)));
        }
        return out;
    }

    @Test
    void sharedPrefixesAcrossDocumentsRowCapsAndTruncationDoNotChangeResults() {
        CausalLMHolder h = new CausalLMHolder(model);
        List<Request> reqs = new ArrayList<>(fewShot(5, 24));
        reqs.addAll(requests(6, 10).subList(0, 10).stream()
                .map(r -> new Request(r.task(), 100 + r.docId(), r.contexts(), r.continuations(), r.choiceTexts(), r.gold()))
                .toList());
        // maxLength 48: the long questions are left-truncated, the short ones fit
        for (int maxLength : new int[] {256, 48}) {
            ScoringOptions o = ScoringOptions.defaults().withMaxLength(maxLength);
            List<ChoiceRow> reference = score(h, reqs, o.withPack(false).withBatchTokens(1));
            for (int rowTokens : new int[] {1, 16, 64, 1024}) {
                assertSame(reference, score(h, reqs, o.withRowTokens(rowTokens)));
                assertSame(reference, score(h, reqs, o.withRowTokens(rowTokens).withBatchTokens(200)));
            }
            List<Request> shuffled = new ArrayList<>(reqs);
            Collections.shuffle(shuffled, new Random(7));
            List<ChoiceRow> got = new ArrayList<>(score(h, shuffled, o.withRowTokens(48)));
            got.sort((x, y) -> x.docId() != y.docId() ? Long.compare(x.docId(), y.docId()) : Integer.compare(x.choice(), y.choice()));
            assertSame(reference, got);
        }
    }

    /** The few-shot block is computed once per row, not once per question. */
    @Test
    void aSharedFewShotBlockIsComputedOncePerRow() {
        List<Request> reqs = fewShot(5, 24);
        Scorer packed = new Scorer(model, tokenizer, ScoringOptions.defaults());
        packed.score(reqs, CKPT);
        Scorer unpacked = new Scorer(model, tokenizer, ScoringOptions.defaults().withPack(false));
        unpacked.score(reqs, CKPT);
        assertEquals(1, packed.stats().forwards());
        assertTrue(packed.stats().tokens() * 3 < unpacked.stats().tokens(),
                packed.stats() + " vs " + unpacked.stats());
    }

    /**
     * Few-shot blocks longer than {@link RowLayout#MIN_PREFIX} behind short rows: each block is computed
     * once (a prefill) and read by every row after it; row cap, batch size, order, the out-of-memory
     * back-off and left truncation (whose inputs keep today's rows) change no number.
     */
    @Test
    void cachedPrefixesChangeNoNumber() {
        Random rnd = new Random(9);
        String[] words = {"the", "quick", "brown", "fox", "answer", "question", "roof", "cat", "mat", "dog"};
        String[] blocks = {sentence(rnd, words, 40) + "\nAnswer: A\n\n", sentence(rnd, words, 30) + "\nAnswer: B\n\n"};
        List<Request> reqs = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            String ctx = blocks[d % 2] + sentence(rnd, words, 1 + rnd.nextInt(12)) + "\nAnswer:";
            reqs.add(new Request("fewshot", d, List.of(ctx), List.of(" A", " B the", " C"), List.of("A", "B the", "C"), d % 3));
        }
        CausalLMHolder h = new CausalLMHolder(model);
        // blocks of about 100 and 84 tokens; maxLength 100 left-truncates many questions
        for (int maxLength : new int[] {256, 100}) {
            ScoringOptions o = ScoringOptions.defaults().withMaxLength(maxLength);
            List<ChoiceRow> reference = score(h, reqs, o.withPack(false).withBatchTokens(1));
            for (int rowTokens : new int[] {1, 48, 160}) {
                for (int batchTokens : new int[] {1, 300, 100_000}) {
                    Scorer cached = new Scorer(model, tokenizer, o.withRowTokens(rowTokens).withBatchTokens(batchTokens));
                    assertSame(reference, cached.score(reqs, CKPT));
                    if (maxLength == 256) assertEquals(2, cached.stats().prefixes(), "rows of " + rowTokens);
                }
            }
            List<Request> shuffled = new ArrayList<>(reqs);
            Collections.shuffle(shuffled, new Random(4));
            List<ChoiceRow> got = new ArrayList<>(score(h, shuffled, o.withRowTokens(48)));
            got.sort((x, y) -> x.docId() != y.docId() ? Long.compare(x.docId(), y.docId()) : Integer.compare(x.choice(), y.choice()));
            assertSame(reference, got);
            try (ToyLM small = new ToyLM(320, 32, 256, 42, 300)) {
                Scorer scorer = new Scorer(small, tokenizer, o.withBatchTokens(10_000).withRowTokens(48));
                assertSame(reference, scorer.score(reqs, CKPT));
                assertTrue(scorer.backoffs() > 0);
            }
        }
    }

    @Test
    void outOfMemoryHalvesTheBatchWithoutLosingWork() {
        List<Request> reqs = requests(4, 20);
        CausalLMHolder h = new CausalLMHolder(model);
        List<ChoiceRow> reference = score(h, reqs, ScoringOptions.defaults().withBatchTokens(1));
        try (ToyLM small = new ToyLM(320, 32, 256, 42, 200)) {
            // rows of at most 64 tokens: the first batches hold far more than 200 tokens and must halve
            Scorer scorer = new Scorer(small, tokenizer, ScoringOptions.defaults().withBatchTokens(10_000).withRowTokens(64));
            assertSame(reference, scorer.score(reqs, CKPT));
            assertTrue(scorer.backoffs() > 0);
        }
    }

    @Test
    void rowsCarryTheCheckpointIdentityAndChoiceMetadata() {
        Request r = new Request("toy", 5, List.of("The cat sat on the"), List.of(" mat", " roof é"),
                List.of("mat", "roof é"), 1);
        List<ChoiceRow> rows = score(new CausalLMHolder(model), List.of(r), ScoringOptions.defaults());
        assertEquals(2, rows.size());
        ChoiceRow b = rows.get(1);
        assertEquals("toy", b.family());
        assertEquals("step1", b.revision());
        assertEquals(6.0 * 1000 * 2e6, b.compute());
        assertTrue(b.gold());
        assertEquals(6, b.nChars());
        assertEquals(7, b.nBytes());
        // lm-eval's log-likelihood: the float32 sum in torch's order, exactly
        assertEquals(TorchSum.of(b.tokenLogprobs()), b.logprob());
        assertArrayEquals(new int[] {b.nTokens()}, new int[] {b.tokenLogprobs().length});
    }
}
