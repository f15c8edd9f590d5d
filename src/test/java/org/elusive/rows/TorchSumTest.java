package org.elusive.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The float32 sum in torch's order, and the acc it decides, against torch 2.13 and lm-eval 0.4.13
 * (fixtures of scripts/reference/make_lm_eval_output.py).
 */
class TorchSumTest {
    private static JsonNode fixture(String name) throws Exception {
        return new ObjectMapper().readTree(Path.of(TorchSumTest.class.getResource("/lmeval_output/" + name).toURI()).toFile());
    }

    private static float[] floats(JsonNode a) {
        float[] x = new float[a.size()];
        for (int i = 0; i < x.length; i++) x[i] = (float) a.get(i).asDouble();
        return x;
    }

    /** Big-endian float32s, 8 hex digits each. */
    private static float[] hex(String s) {
        float[] x = new float[s.length() / 8];
        for (int i = 0; i < x.length; i++) x[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(s.substring(8 * i, 8 * i + 8), 16));
        return x;
    }

    @Test void equalsTorchSumBitForBitOnRandomVectors() throws Exception {
        int n = 0, orderMatters = 0;
        for (JsonNode c : fixture("torch_sum.json").get("cases")) {
            float[] x = hex(c.get("x").asText());
            float expected = hex(c.get("sum").asText())[0];
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(TorchSum.of(x)), "length " + x.length + ", case " + n);
            float sequential = 0f;
            for (float f : x) sequential += f;
            if (sequential != expected) orderMatters++;
            n++;
        }
        assertEquals(64 * 4 + 8 * 2, n);
        // the fixture can tell torch's order from a plain left-to-right sum
        assertTrue(orderMatters > 100, "cases where the order matters: " + orderMatters);
    }

    @Test void shortVectorsAndEmpty() {
        assertEquals(0f, TorchSum.of(new float[0]));
        assertEquals(-1.5f, TorchSum.of(new float[] {-1.5f}));
        // under 8 floats: accumulators 0..3 take x0..x3, x4 joins accumulator 0, then 1..3 are added to it
        float[] x = {1e8f, 1f, -1e8f, 1f, 1f};
        assertEquals(((1e8f + 1f) + 1f) + -1e8f + 1f, TorchSum.of(x));
    }

    /** On permuted choices the float32 sums decide acc as lm-eval does, where a double sum would not. */
    @Test void lmEvalAccOnFloat32Ties() throws Exception {
        int docs = 0, doubleDiffers = 0;
        for (JsonNode d : fixture("ties/ties.json").get("docs")) {
            JsonNode choices = d.get("choices");
            double[] ll = new double[choices.size()], dbl = new double[choices.size()];
            int[] chars = new int[choices.size()];
            for (int c = 0; c < ll.length; c++) {
                JsonNode ch = choices.get(c);
                float[] tokens = floats(ch.get("token_logprobs"));
                ll[c] = TorchSum.of(tokens);
                assertEquals(ch.get("ll").asDouble(), ll[c], "doc " + d.get("doc_id") + " choice " + c);
                for (float t : tokens) dbl[c] += t;
                String text = ch.get("continuation").asText().substring(1);
                chars[c] = text.codePointCount(0, text.length());
            }
            int gold = d.get("gold").asInt();
            Accuracy a = Accuracy.of(ll, chars, gold);
            assertEquals(d.get("acc").asDouble() == 1, a.acc(), "doc " + d.get("doc_id"));
            assertEquals(d.get("acc_norm").asDouble() == 1, a.accNorm(), "doc " + d.get("doc_id"));
            if (Accuracy.argmax(dbl) != Accuracy.argmax(ll)) doubleDiffers++;
            docs++;
        }
        assertEquals(48, docs);
        assertTrue(doubleDiffers > 0, "the fixture holds docs where a double sum picks another choice");
    }
}
