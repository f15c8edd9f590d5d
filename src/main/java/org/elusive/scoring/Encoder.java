package org.elusive.scoring;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes (context, continuation) pairs exactly as lm-evaluation-harness 0.4.13 does for a causal
 * model ({@code TemplateLM.loglikelihood} and {@code _encode_pair}):
 * <ul>
 *   <li>trailing whitespace of the context (Python's {@code str.isspace}) moves to the continuation;</li>
 *   <li>continuation tokens = enc(context + continuation)[len(enc(context)):], so merges across the
 *       boundary count for the continuation;</li>
 *   <li>no special tokens are added;</li>
 *   <li>an empty context becomes the prefix token (BOS, else EOS), unless the continuation already
 *       starts with it, in which case that first token becomes the context.</li>
 * </ul>
 */
public final class Encoder {

    /** Token ids of one choice: context and continuation (both non-empty). */
    public record Pair(int[] context, int[] continuation) {}

    private final HuggingFaceTokenizer tokenizer;
    private final int prefixTokenId;

    public Encoder(HuggingFaceTokenizer tokenizer, int prefixTokenId) {
        this.tokenizer = tokenizer;
        this.prefixTokenId = prefixTokenId;
    }

    /** A tokenizer configured as lm-eval uses it: no special tokens, no truncation, no padding. */
    public static HuggingFaceTokenizer tokenizer(Path tokenizerJson) {
        try {
            return HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optAddSpecialTokens(false)
                    .optTruncation(false).optPadding(false).build();
        } catch (IOException e) {
            throw new UncheckedIOException(tokenizerJson + ": cannot read tokenizer", e);
        }
    }

    public Pair encode(String context, String continuation) {
        return encodeAll(List.of(context), List.of(continuation)).get(0);
    }

    /**
     * Encodes many pairs with batched tokenizer calls, {@value #CHUNK} pairs at a time (the tokenizer's
     * encodings of a whole task at once, full MMLU 5-shot, would take gigabytes). A context repeated
     * by consecutive pairs (the choices of a question) is encoded once and its ids shared.
     */
    public List<Pair> encodeAll(List<String> contexts, List<String> continuations) {
        List<Pair> out = new ArrayList<>(contexts.size());
        for (int from = 0; from < contexts.size(); from += CHUNK) {
            int to = Math.min(contexts.size(), from + CHUNK);
            out.addAll(encodeChunk(contexts.subList(from, to), continuations.subList(from, to)));
        }
        return out;
    }

    private static final int CHUNK = 2048;

    private List<Pair> encodeChunk(List<String> contexts, List<String> continuations) {
        int n = contexts.size();
        List<String> texts = new ArrayList<>(2 * n);
        String[] ctx = new String[n];
        String[] cont = new String[n];
        int[] ctxText = new int[n];
        for (int i = 0; i < n; i++) {
            String c = contexts.get(i);
            String k = continuations.get(i);
            int cut = rstripLength(c);
            ctx[i] = c.substring(0, cut);
            cont[i] = c.substring(cut) + k;
            texts.add(ctx[i] + cont[i]);
            if (i > 0 && ctx[i].equals(ctx[i - 1])) {
                ctxText[i] = ctxText[i - 1];
            } else {
                ctxText[i] = texts.size();
                texts.add(ctx[i]);
            }
        }
        int[][] enc = ids(texts);
        List<Pair> out = new ArrayList<>(n);
        int[] shared = null;
        for (int i = 0, w = 0; i < n; i++) {
            int[] whole = enc[w++];
            if (i == 0 || ctxText[i] != ctxText[i - 1]) {
                shared = enc[w++];
            }
            if (ctx[i].isEmpty()) {
                out.add(emptyContext(whole, contexts.get(i), continuations.get(i)));
                continue;
            }
            int[] c = shared;
            int[] k = Arrays.copyOfRange(whole, Math.min(c.length, whole.length), whole.length);
            if (k.length == 0 || c.length == 0) {
                throw new IllegalArgumentException("continuation " + quote(continuations.get(i))
                        + " after context " + quote(contexts.get(i)) + " encodes to no tokens");
            }
            out.add(new Pair(c, k));
        }
        return out;
    }

    /**
     * The token ids of {@code texts}, one batched call of the tokenizer as configured (no special
     * tokens, no truncation). Why not {@link HuggingFaceTokenizer#batchEncode}: its {@code Encoding}s
     * also copy every token's string, character spans and masks into Java, which took as long as the
     * tokenizing itself (MMLU 5-shot, ~700-token prompts); the ids are the same encoding's.
     */
    private int[][] ids(List<String> texts) {
        long[] handles = TokenizersLibrary.LIB.batchEncode(tokenizer.getHandle(), texts.toArray(new String[0]), false);
        int[][] out = new int[handles.length][];
        try {
            for (int i = 0; i < handles.length; i++) out[i] = ints(TokenizersLibrary.LIB.getTokenIds(handles[i]));
        } finally {
            for (long h : handles) TokenizersLibrary.LIB.deleteEncoding(h);
        }
        return out;
    }

    private Pair emptyContext(int[] continuation, String context, String cont) {
        if (continuation.length == 0) {
            throw new IllegalArgumentException("continuation " + quote(cont) + " encodes to no tokens");
        }
        if (continuation[0] != prefixTokenId) return new Pair(new int[] {prefixTokenId}, continuation);
        if (continuation.length == 1) {
            throw new IllegalArgumentException("continuation " + quote(cont) + " is only the prefix token");
        }
        return new Pair(new int[] {continuation[0]}, Arrays.copyOfRange(continuation, 1, continuation.length));
    }

    /** Length of {@code s} without its trailing whitespace, as Python's {@code str.rstrip()}. */
    static int rstripLength(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isPythonSpace(cp)) break;
            end -= Character.charCount(cp);
        }
        return end;
    }

    static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    private static int[] ints(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
        return out;
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s).replace("\n", "\\n") + "\"";
    }
}
