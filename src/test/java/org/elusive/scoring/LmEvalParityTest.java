package org.elusive.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.elusive.model.CausalLM;
import org.elusive.model.CheckpointLoader;
import org.elusive.catalog.Checkpoint;
import org.elusive.model.Tokenizers;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our scores against lm-evaluation-harness 0.4.13's HFLM on the same tiny GPT-NeoX and the real
 * GPT-NeoX-20B tokenizer (fixture: scripts/reference/make_scorer_fixtures.py): per-choice
 * log-likelihoods within 1e-4, greedy flags, acc and acc_norm identical, packed and unpacked.
 */
class LmEvalParityTest {
    static final Checkpoint CKPT = new Checkpoint("fixture", "tiny-neox", "main", 0, Double.NaN);
    static CausalLM model;
    static HuggingFaceTokenizer tokenizer;
    static JsonNode fixture;

    @BeforeAll
    static void setUp() throws Exception {
        tokenizer = Tokenizers.load(Fixtures.sharedTokenizer());
        model = CheckpointLoader.load(Fixtures.resource("tiny-neox"), Device.cpu(), DataType.FLOAT32);
        fixture = Fixtures.parity();
    }

    @AfterAll
    static void tearDown() {
        if (model != null) model.close();
        if (tokenizer != null) tokenizer.close();
    }

    static List<Request> taskRequests(String task, JsonNode docs) {
        List<Request> out = new ArrayList<>();
        for (JsonNode d : docs) {
            List<String> ctx = strings(d.get("contexts")), cont = strings(d.get("continuations"));
            boolean shared = new HashSet<>(ctx).size() == 1;
            List<String> texts = cont.stream().map(c -> c.startsWith(" ") ? c.substring(1) : c).toList();
            out.add(new Request(task, d.get("doc_id").asLong(), shared ? List.of(ctx.get(0)) : ctx, cont, texts,
                    d.get("gold").asInt()));
        }
        return out;
    }

    @Test
    void everyTaskMatchesLmEvalPackedAndUnpacked() {
        int docs = 0, greedy = 0;
        for (boolean pack : new boolean[] {true, false}) {
            Scorer scorer = new Scorer(model, tokenizer, ScoringOptions.defaults().withPack(pack).withBatchTokens(pack ? 4096 : 256));
            var tasks = fixture.get("tasks").fields();
            while (tasks.hasNext()) {
                var t = tasks.next();
                JsonNode expected = t.getValue().get("docs");
                List<Request> reqs = taskRequests(t.getKey(), expected);
                List<ScoredDoc> scored = new ArrayList<>();
                scorer.score(reqs, CKPT, scored::add);
                scored.sort((a, b) -> Long.compare(a.request().docId(), b.request().docId()));
                for (int i = 0; i < scored.size(); i++) {
                    JsonNode e = expected.get(i);
                    ScoredDoc got = scored.get(i);
                    String where = t.getKey() + " doc " + e.get("doc_id") + (pack ? " packed" : " unpacked");
                    for (int c = 0; c < got.choices().size(); c++) {
                        ChoiceRow row = got.choices().get(c);
                        assertEquals(e.get("ll").get(c).asDouble(), row.logprob(), 1e-4, where + " choice " + c);
                        assertEquals(e.get("greedy").get(c).asBoolean(), row.greedy(), where + " greedy " + c);
                        if (row.greedy()) greedy++;
                    }
                    if (t.getKey().equals("lambada_openai")) {
                        assertEquals(e.get("acc").asInt() == 1, got.choices().get(0).greedy(), where + " acc");
                    } else {
                        assertEquals(e.get("acc").asInt() == 1, got.accuracy().acc(), where + " acc");
                    }
                    if (e.hasNonNull("acc_norm")) assertEquals(e.get("acc_norm").asInt() == 1, got.accuracy().accNorm(), where + " acc_norm");
                    docs++;
                }
            }
        }
        assertEquals(80, docs);
        assertEquals(0, greedy, "the fixture's real items have no greedy continuation");
    }

    @Test
    void edgeCasesMatchLmEval() {
        int greedy = 0;
        for (JsonNode d : fixture.get("direct")) {
            int maxLength = d.get("max_length").asInt();
            Scorer scorer = new Scorer(model, tokenizer, ScoringOptions.defaults().withMaxLength(maxLength));
            String cont = d.get("continuation").asText();
            Request r = new Request("direct", 0, List.of(d.get("context").asText()), List.of(cont), List.of(cont), 0);
            ChoiceRow row = scorer.score(List.of(r), CKPT).get(0);
            String where = d.get("context").asText() + "|" + cont + " @" + maxLength;
            assertEquals(d.get("ll").asDouble(), row.logprob(), 1e-4, where);
            assertEquals(d.get("greedy").asBoolean(), row.greedy(), where);
            if (row.greedy()) greedy++;
        }
        assertTrue(greedy >= 2, "the fixture has greedy continuations");
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
