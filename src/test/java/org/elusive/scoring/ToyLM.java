package org.elusive.scoring;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.elusive.model.CausalLM;
import org.elusive.model.ModelConfig;
import org.elusive.model.PrefixCache;

/**
 * A one-layer random attention model that honours position ids and the attention mask, so packing
 * and padding mistakes change its outputs. {@code oomAbove} > 0 makes batches with more padded tokens
 * throw the engine's CUDA out-of-memory error, to test the back-off.
 */
final class ToyLM implements CausalLM {
    private final NDManager manager = NDManager.newBaseManager();
    private final ModelConfig config;
    private final NDArray embed, posEmbed, wq, wk, wv, out;
    private final int oomAbove;
    int calls;
    /** Forward calls made while autograd was on (the caller's thread mode, as libtorch sees it). */
    int gradCalls;

    ToyLM(int vocab, int hidden, int maxPositions, long seed, int oomAbove) {
        this.config = new ModelConfig("Toy", vocab, hidden, 1, 1, maxPositions, 0, 0);
        this.oomAbove = oomAbove;
        Random rnd = new Random(seed);
        embed = random(rnd, vocab, hidden, 1f);
        posEmbed = random(rnd, maxPositions, hidden, 0.3f);
        wq = random(rnd, hidden, hidden, 0.5f);
        wk = random(rnd, hidden, hidden, 0.5f);
        wv = random(rnd, hidden, hidden, 0.2f);
        // the head leans towards repeating the input token, so repeated words are greedy continuations
        out = embed.mul(3).add(random(rnd, vocab, hidden, 0.3f));
    }

    private NDArray random(Random rnd, int rows, int cols, float scale) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian() * scale;
        return manager.create(v, new Shape(rows, cols));
    }

    @Override public ModelConfig config() { return config; }

    @Override public NDManager manager() { return manager; }

    @Override public NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask) {
        return hidden(ids, positionIds, attentionMask, null);
    }

    @Override public PrefixCache prefill(NDArray ids) {
        calls++;
        if (ai.djl.pytorch.jni.JniUtils.isGradMode()) gradCalls++;
        long t = ids.getShape().get(1);
        NDArray x = inputs(ids, ids.getManager().arange(0, (int) t).toType(DataType.INT64, false).reshape(1, t));
        return new PrefixCache(List.of(x.matMul(wk)), List.of(x.matMul(wv)), (int) t);
    }

    /** Within the row the mask (or causal); every prefix key is visible to every row token. */
    @Override public NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix) {
        calls++;
        if (ai.djl.pytorch.jni.JniUtils.isGradMode()) gradCalls++;
        long b = ids.getShape().get(0), t = ids.getShape().get(1);
        if (oomAbove > 0 && b * t > oomAbove) throw new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
        NDManager m = ids.getManager();
        NDArray x = inputs(ids, positionIds);
        NDArray q = x.matMul(wq), k = x.matMul(wk), v = x.matMul(wv);
        NDArray mask = attentionMask;
        if (mask == null) {
            byte[] tril = new byte[(int) (t * t)];
            for (int i = 0; i < t; i++) for (int j = 0; j <= i; j++) tril[(int) (i * t + j)] = 1;
            mask = m.create(java.nio.ByteBuffer.wrap(tril), new Shape(1, t, t), DataType.BOOLEAN).broadcast(b, t, t);
        }
        if (prefix != null) {
            int p = prefix.length();
            k = prefix.keys().get(0).broadcast(b, p, config.hiddenSize()).concat(k, 1);
            v = prefix.values().get(0).broadcast(b, p, config.hiddenSize()).concat(v, 1);
            mask = m.ones(new Shape(b, t, p), DataType.BOOLEAN).concat(mask, 2);
        }
        NDArray scores = q.batchMatMul(k.transpose(0, 2, 1)).div(Math.sqrt(config.hiddenSize()));
        scores = NDArrays.where(mask, scores, scores.zerosLike().sub(1e9f));
        return x.add(scores.softmax(-1).batchMatMul(v)).tanh();
    }

    private NDArray inputs(NDArray ids, NDArray positionIds) {
        long b = ids.getShape().get(0), t = ids.getShape().get(1);
        return embed.get(ids.flatten()).add(posEmbed.get(positionIds.flatten())).reshape(b, t, config.hiddenSize());
    }

    @Override public NDArray logSoftmax(NDArray hiddenRows) {
        return hiddenRows.matMul(out.transpose()).toType(DataType.FLOAT32, false).logSoftmax(1);
    }

    @Override public void close() { manager.close(); }
}
