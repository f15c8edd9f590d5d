package org.elusive.task;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Python's {@code random.Random(seed)} (MT19937 seeded by init_by_array) and its {@code sample}, bit for
 * bit, so that lm-eval's default few-shot sampler ({@code Random(1234)}, advanced doc after doc) picks
 * the same examples here; also {@code Random(str)} and {@code shuffle}, which ETHICS utilitarianism uses
 * to order each doc's two scenarios.
 */
public final class PyRandom {
    private static final int N = 624, M = 397;
    private final int[] mt = new int[N];
    private int mti;

    /** {@code random.Random(seed)} for a non-negative seed below 2^32·… (the key is abs(seed) in 32-bit words). */
    public PyRandom(long seed) {
        this(BigInteger.valueOf(seed).abs());
    }

    /**
     * {@code random.Random(text)}: seed version 2 turns a str into the big-endian integer of its UTF-8
     * bytes followed by their SHA-512 digest.
     */
    public static PyRandom ofString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] all;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(utf8);
            all = new byte[utf8.length + digest.length];
            System.arraycopy(utf8, 0, all, 0, utf8.length);
            System.arraycopy(digest, 0, all, utf8.length, digest.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new PyRandom(new BigInteger(1, all));
    }

    /** CPython's random_seed: the key is the non-negative seed in 32-bit words, least significant first. */
    private PyRandom(BigInteger seed) {
        int words = Math.max(1, (seed.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) key[i] = seed.shiftRight(32 * i).intValue();
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1, j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++; j++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
            if (j >= key.length) j = 0;
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
        }
        mt[0] = 0x80000000;
    }

    /** One 32-bit output (genrand_uint32), as an unsigned value. */
    public long nextUint32() {
        if (mti >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** {@code getrandbits(k)} for 0 ≤ k ≤ 32. */
    long getrandbits(int k) { return k == 0 ? 0 : nextUint32() >>> (32 - k); }

    /** {@code _randbelow_with_getrandbits(n)}. */
    int randbelow(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) r = getrandbits(k);
        return (int) r;
    }

    /** {@code random.shuffle(x)} of CPython 3.11, in place. */
    public <T> void shuffle(List<T> x) {
        for (int i = x.size() - 1; i > 0; i--) Collections.swap(x, i, randbelow(i + 1));
    }

    /** {@code random.sample(population, k)} of CPython 3.11 (both the pool and the set strategy). */
    public <T> List<T> sample(List<T> population, int k) {
        int n = population.size();
        if (k < 0 || k > n) throw new IllegalArgumentException("sample larger than population or is negative");
        int setsize = 21;
        if (k > 5) setsize += (int) Math.pow(4, Math.ceil(Math.log(k * 3) / Math.log(4)));
        List<T> result = new ArrayList<>(k);
        if (n <= setsize) {
            List<T> pool = new ArrayList<>(population);
            for (int i = 0; i < k; i++) {
                int j = randbelow(n - i);
                result.add(pool.get(j));
                pool.set(j, pool.get(n - i - 1));
            }
        } else {
            Set<Integer> selected = new HashSet<>();
            for (int i = 0; i < k; i++) {
                int j = randbelow(n);
                while (selected.contains(j)) j = randbelow(n);
                selected.add(j);
                result.add(population.get(j));
            }
        }
        return result;
    }
}
