package org.elusive.scoring;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.elusive.model.CausalLM;
import org.elusive.model.ModelConfig;

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
        calls++;
        long b = ids.getShape().get(0), t = ids.getShape().get(1);
        if (oomAbove > 0 && b * t > oomAbove) throw new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
        NDManager m = ids.getManager();
        NDArray x = embed.get(ids.flatten()).add(posEmbed.get(positionIds.flatten())).reshape(b, t, config.hiddenSize());
        NDArray q = x.matMul(wq), k = x.matMul(wk), v = x.matMul(wv);
        NDArray scores = q.batchMatMul(k.transpose(0, 2, 1)).div(Math.sqrt(config.hiddenSize()));
        NDArray mask = attentionMask;
        if (mask == null) {
            byte[] tril = new byte[(int) (t * t)];
            for (int i = 0; i < t; i++) for (int j = 0; j <= i; j++) tril[(int) (i * t + j)] = 1;
            mask = m.create(java.nio.ByteBuffer.wrap(tril), new Shape(1, t, t), DataType.BOOLEAN).broadcast(b, t, t);
        }
        scores = NDArrays.where(mask, scores, scores.zerosLike().sub(1e9f));
        return x.add(scores.softmax(-1).batchMatMul(v)).tanh();
    }

    @Override public NDArray logSoftmax(NDArray hiddenRows) {
        return hiddenRows.matMul(out.transpose()).toType(DataType.FLOAT32, false).logSoftmax(1);
    }

    @Override public void close() { manager.close(); }
}
