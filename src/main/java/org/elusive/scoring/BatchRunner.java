package org.elusive.scoring;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.elusive.model.CausalLM;
import org.elusive.model.NoGrad;
import org.elusive.model.PrefixCache;

/**
 * Runs rows (sorted longest first) through the model in batches of at most {@code batchTokens}
 * padded tokens (the packer fills rows to a common length, so there is little padding); a batch's
 * rows all continue the same cached prefix, or none. Out of memory (CUDA) halves the failing batch and retries both halves; the smaller
 * budget then holds for the rest of the run. Completed batches are never redone.
 */
final class BatchRunner {

    /** Receives one choice's per-token log-probs and greedy flag. */
    interface Sink {
        void accept(Packer.Read read, float[] logprobs, boolean greedy);
    }

    private final CausalLM model;
    private final ScoringOptions options;
    private int budget;
    private int backoffs;
    private long tokens, paddedTokens, forwards, prefixTokens, prefixes;

    BatchRunner(CausalLM model, ScoringOptions options) {
        this.model = model;
        this.options = options;
        this.budget = options.batchTokens();
    }

    int backoffs() { return backoffs; }

    /** Real tokens, padded tokens, forward calls (prefills included), prefix tokens and prefixes computed so far. */
    long[] counters() { return new long[] {tokens, paddedTokens, forwards, prefixTokens, prefixes}; }

    /**
     * Runs {@code sorted} (the rows of each prefix together, longest first within each). A prefix is
     * computed when its first batch comes and freed after its last: the cache holds one prefix at a
     * time, whatever the size of the run.
     */
    void run(List<Packer.Row> sorted, List<int[]> prefixList, Sink sink) {
        PrefixCache cache = null;
        int current = -1;
        try (NoGrad scoring = NoGrad.enter()) {
            for (int i = 0; i < sorted.size(); ) {
                int n = batchSize(sorted, i, budget);
                int p = sorted.get(i).prefix();
                if (p != current) {
                    if (cache != null) cache.close();
                    cache = null;
                    current = p;
                    if (p >= 0) cache = prefill(prefixList.get(p));
                }
                runWithBackoff(sorted.subList(i, i + n), cache, sink);
                i += n;
            }
        } finally {
            if (cache != null) cache.close();
        }
    }

    /** The work {@link #run} would do without running out of memory: as {@link #counters}. */
    long[] plan(List<Packer.Row> sorted, List<int[]> prefixList) {
        long[] c = new long[5];
        for (int i = 0; i < sorted.size(); ) {
            int n = batchSize(sorted, i, budget);
            int p = sorted.get(i).prefix();
            if (p >= 0 && (i == 0 || sorted.get(i - 1).prefix() != p)) {
                c[2]++;
                c[3] += prefixList.get(p).length;
                c[4]++;
            }
            for (int j = i; j < i + n; j++) c[0] += sorted.get(j).length();
            c[1] += (long) n * sorted.get(i).length();
            c[2]++;
            i += n;
        }
        return c;
    }

    /** Rows from {@code i} that continue the same prefix and fit the budget when padded to the first (longest); at least one. */
    private static int batchSize(List<Packer.Row> sorted, int i, int budget) {
        int most = Math.max(1, Math.min(sorted.size() - i, budget / Math.max(1, sorted.get(i).length())));
        int n = 1;
        while (n < most && sorted.get(i + n).prefix() == sorted.get(i).prefix()) n++;
        return n;
    }

    private PrefixCache prefill(int[] prefix) {
        long[] ids = new long[prefix.length];
        for (int i = 0; i < ids.length; i++) ids[i] = prefix[i];
        forwards++;
        prefixTokens += prefix.length;
        prefixes++;
        try (NDManager m = model.manager().newSubManager()) {
            PrefixCache cache = model.prefill(m.create(ids, new Shape(1, ids.length)));
            // the cache outlives this call: move its arrays to the model's manager until closed
            for (NDArray a : cache.keys()) a.attach(model.manager());
            for (NDArray a : cache.values()) a.attach(model.manager());
            return cache;
        }
    }

    private void runWithBackoff(List<Packer.Row> batch, PrefixCache prefix, Sink sink) {
        try {
            forward(batch, prefix, sink);
        } catch (EngineException e) {
            if (!isOutOfMemory(e) || batch.size() == 1) throw e;
            backoffs++;
            budget = Math.max(1, batch.size() / 2 * batch.get(0).length());
            int half = batch.size() / 2;
            runWithBackoff(batch.subList(0, half), prefix, sink);
            runWithBackoff(batch.subList(half, batch.size()), prefix, sink);
        }
    }

    static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("out of memory")) return true;
        }
        return false;
    }

    /**
     * One forward call; results reach the sink only after the whole batch succeeded. The model's last
     * layer runs only at the positions read ({@link CausalLM#hiddenAt}): each row's distinct read
     * positions, s slots per row (a row with fewer repeats its first).
     */
    private void forward(List<Packer.Row> batch, PrefixCache prefix, Sink sink) {
        int b = batch.size(), t = batch.get(0).length();
        boolean causal = batch.stream().allMatch(Packer.Row::plainCausal);
        int[][] slots = slots(batch);
        int s = Arrays.stream(slots).mapToInt(a -> a.length).max().orElse(1);
        List<Packer.Read> reads = new ArrayList<>();
        List<Integer> flat = new ArrayList<>();
        long[] ids = new long[b * t], pos = new long[b * t], select = new long[b * s];
        for (int r = 0; r < b; r++) {
            Packer.Row row = batch.get(r);
            for (int j = 0; j < row.length(); j++) {
                ids[r * t + j] = row.tokens()[j];
                pos[r * t + j] = row.positions()[j];
            }
            for (int j = 0; j < s; j++) select[r * s + j] = slots[r][Math.min(j, slots[r].length - 1)];
            for (Packer.Read read : row.reads()) {
                reads.add(read);
                for (int p : read.positions()) flat.add(r * s + Arrays.binarySearch(slots[r], p));
            }
        }
        int n = flat.size();
        for (Packer.Row row : batch) tokens += row.length();
        paddedTokens += (long) b * t;
        forwards++;
        float[] lp = new float[n];
        long[] argmax = new long[n];
        long[] targets = new long[n];
        int k = 0;
        for (Packer.Read read : reads) for (int tok : read.targets()) targets[k++] = tok;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray idsNd = m.create(ids, new Shape(b, t));
            NDArray posNd = m.create(pos, new Shape(b, t));
            NDArray mask = causal ? null : mask(m, batch, t);
            NDArray hidden = model.hiddenAt(idsNd, posNd, mask, prefix, m.create(select, new Shape(b, s)));
            NDArray rows2d = hidden.reshape(b * (long) s, hidden.getShape().get(2));
            for (int from = 0; from < n; from += options.readChunk()) {
                int to = Math.min(n, from + options.readChunk());
                long[] idx = new long[to - from];
                for (int i = from; i < to; i++) idx[i - from] = flat.get(i);
                long[] tg = Arrays.copyOfRange(targets, from, to);
                try (NDManager c = m.newSubManager()) {
                    NDArray sel = rows2d.get(c.create(idx));
                    NDArray lsm = model.logSoftmax(sel);
                    NDArray tgNd = c.create(tg, new Shape(to - from, 1));
                    float[] got = lsm.gather(tgNd, 1).toType(DataType.FLOAT32, false).toFloatArray();
                    long[] am = lsm.argMax(1).toType(DataType.INT64, false).toLongArray();
                    System.arraycopy(got, 0, lp, from, got.length);
                    System.arraycopy(am, 0, argmax, from, am.length);
                    sel.close();
                    lsm.close();
                }
            }
        }
        k = 0;
        for (Packer.Read read : reads) {
            int len = read.targets().length;
            float[] mine = Arrays.copyOfRange(lp, k, k + len);
            boolean greedy = true;
            for (int j = 0; j < len; j++) greedy &= argmax[k + j] == targets[k + j];
            sink.accept(read, mine, greedy);
            k += len;
        }
    }

    /** Each row's distinct read positions, ascending (a row without reads: position 0, so that every row has a slot). */
    private static int[][] slots(List<Packer.Row> batch) {
        int[][] out = new int[batch.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = batch.get(r).reads().stream().flatMapToInt(read -> Arrays.stream(read.positions())).distinct().sorted().toArray();
            if (out[r].length == 0) out[r] = new int[] {0};
        }
        return out;
    }

    /** [b, t, t] (query, key): a query sees its ancestors-or-self in the row's forest; padding sees itself. */
    private static NDArray mask(NDManager m, List<Packer.Row> batch, int t) {
        byte[] bits = new byte[batch.size() * t * t];
        for (int r = 0; r < batch.size(); r++) {
            Packer.Row row = batch.get(r);
            int[] ends = row.ends();
            int base = r * t * t;
            for (int k = 0; k < row.length(); k++) {
                for (int q = k; q < ends[k]; q++) bits[base + q * t + k] = 1;
            }
            for (int q = row.length(); q < t; q++) bits[base + q * t + q] = 1;
        }
        return m.create(ByteBuffer.wrap(bits), new Shape(batch.size(), t, t), DataType.BOOLEAN);
    }
}
