package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A committed tiny checkpoint made by scripts/reference/make_model_fixtures.py and its expected log-probs. */
record Fixture(Path dir, long[][] ids, boolean[][] valid, float[][][] logprobs, int positionOffset,
        float[][][] offsetLogprobs) {

    static Path dir(String name) {
        try {
            return Path.of(Fixture.class.getResource("/models/" + name + "/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Fixture load(String name) {
        Path dir = dir(name);
        try {
            JsonNode root = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
            JsonNode ids = root.get("input_ids"), mask = root.get("attention_mask"), lp = root.get("logprobs");
            int b = ids.size(), t = ids.get(0).size();
            long[][] i = new long[b][t];
            boolean[][] m = new boolean[b][t];
            for (int r = 0; r < b; r++) {
                for (int c = 0; c < t; c++) {
                    i[r][c] = ids.get(r).get(c).asLong();
                    m[r][c] = mask.get(r).get(c).asInt() == 1;
                }
            }
            JsonNode far = root.get("offset_logprobs");
            return new Fixture(dir, i, m, floats(lp), root.path("position_offset").asInt(0), far == null ? null : floats(far));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[][][] floats(JsonNode lp) {
        float[][][] l = new float[lp.size()][lp.get(0).size()][lp.get(0).get(0).size()];
        for (int r = 0; r < l.length; r++)
            for (int c = 0; c < l[r].length; c++)
                for (int k = 0; k < l[r][c].length; k++) l[r][c][k] = (float) lp.get(r).get(c).get(k).asDouble();
        return l;
    }

    int batch() { return ids.length; }

    int length() { return ids[0].length; }

    NDArray idsArray(NDManager m) { return m.create(ids); }

    /** [b, q, k]: key is a real token (causality is the model's business). */
    NDArray paddingMask(NDManager m) {
        boolean[] flat = new boolean[batch() * length() * length()];
        for (int r = 0; r < batch(); r++)
            for (int q = 0; q < length(); q++)
                for (int k = 0; k < length(); k++) flat[(r * length() + q) * length() + k] = valid[r][k];
        return m.create(flat, new Shape(batch(), length(), length()));
    }

    NDArray positions(NDManager m) { return positions(m, 0); }

    NDArray positions(NDManager m, int offset) {
        long[][] p = new long[batch()][length()];
        for (long[] row : p) for (int c = 0; c < row.length; c++) row[c] = offset + c;
        return m.create(p);
    }

    /** Largest |ours - expected| over the real tokens. */
    double maxError(CausalLM model, NDManager m) { return maxError(model, m, 0, logprobs); }

    /** The same with position ids starting at {@code positionOffset} (rotary models). */
    double maxErrorFarPositions(CausalLM model, NDManager m) {
        return maxError(model, m, positionOffset, offsetLogprobs);
    }

    private double maxError(CausalLM model, NDManager m, int offset, float[][][] logprobs) {
        NDArray hidden = model.hidden(idsArray(m), positions(m, offset), paddingMask(m));
        int h = (int) hidden.getShape().get(2);
        NDArray lp = model.logSoftmax(hidden.reshape(-1, h)).toType(DataType.FLOAT32, false);
        float[] got = lp.toFloatArray();
        int v = logprobs[0][0].length;
        double max = 0;
        for (int r = 0; r < batch(); r++)
            for (int c = 0; c < length(); c++) {
                if (!valid[r][c]) continue;
                for (int k = 0; k < v; k++) {
                    max = Math.max(max, Math.abs(got[(r * length() + c) * v + k] - logprobs[r][c][k]));
                }
            }
        return max;
    }
}
