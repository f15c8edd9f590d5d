package org.elusive.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.elusive.core.BadInputException;
import org.elusive.task.DocSelection;

/**
 * lm-eval 0.4.13's values for the flags `eval` and `sweep` accept in its spelling, parsed as its
 * {@code lm_eval/_cli} parses them and turned into elusive's types (docs/lm-eval.md).
 */
final class LmEvalSpellings {
    private LmEvalSpellings() {}

    /**
     * {@code --seed}: one integer for all four generators, or 3 or 4 comma-separated integers or
     * {@code None} (python, numpy, torch, few-shot; a missing fourth is lm-eval's 1234). Only the
     * few-shot seed changes a log-likelihood run, so it is the one returned; {@code None} there
     * would draw unrepeatable examples and is refused.
     */
    static long fewshotSeed(String text) {
        String[] items = text.split(",", -1);
        if (items.length != 1 && items.length != 3 && items.length != 4) {
            throw new BadInputException("--seed " + text + ": expected one integer, or 4 integers or None separated by ','"
                    + " (python,numpy,torch,fewshot)");
        }
        String fewshot = items.length == 1 ? items[0] : items.length == 3 ? String.valueOf(DocSelection.DEFAULT_FEWSHOT_SEED) : items[3];
        for (String item : items) {
            String s = item.strip().toLowerCase(Locale.ROOT);
            if (!s.equals("none") && !s.matches("[+-]?\\d+")) throw new BadInputException("--seed " + text + ": " + item.strip() + " is not an integer or None");
        }
        if (fewshot.strip().equalsIgnoreCase("none")) {
            throw new BadInputException("--seed " + text + ": the few-shot seed (fourth value) None would draw different examples on"
                    + " every run; give an integer");
        }
        try {
            return Long.parseLong(fewshot.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("--seed " + text + ": " + fewshot.strip() + " is out of range");
        }
    }

    /**
     * {@code --seed} as lm-eval records it in its results' config: random, numpy, torch and few-shot seeds
     * (null for None); lm-eval's defaults 0, 1234, 1234, 1234 when not given. Validated by {@link #fewshotSeed}.
     */
    static List<Long> seeds(String text) {
        if (text == null) return List.of(0L, 1234L, 1234L, 1234L);
        long fewshot = fewshotSeed(text);
        String[] items = text.split(",", -1);
        if (items.length == 1) return List.of(fewshot, fewshot, fewshot, fewshot);
        List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) out.add(items[i].strip().equalsIgnoreCase("none") ? null : Long.valueOf(items[i].strip()));
        out.add(fewshot);
        return java.util.Collections.unmodifiableList(out);
    }

    private static final Pattern BATCH = Pattern.compile("auto(:[1-9]\\d*)?|[1-9]\\d*");

    /**
     * {@code --batch_size}: {@code auto}, {@code auto:N} or a count, checked and otherwise ignored:
     * elusive batches by padded tokens ({@code --batch-tokens}) and halves a batch that runs out of
     * memory, which is what lm-eval's {@code auto} searches for; no batch size changes a number.
     */
    static String batchSize(String text) {
        if (!BATCH.matcher(text.strip()).matches()) throw new BadInputException("--batch_size " + text + ": expected auto, auto:N or a whole number >= 1");
        return text.strip();
    }

    /**
     * {@code --samples}/{@code -E}: a JSON object mapping task names to lists of doc ids, given inline
     * or as the path of a JSON file (lm-eval tries JSON first, then a file).
     */
    static Map<String, List<Integer>> sampleSelection(String text) {
        String json = text;
        if (!text.strip().startsWith("{")) {
            Path f = Path.of(text);
            if (!Files.isRegularFile(f)) throw new BadInputException("--samples " + text + ": neither a JSON object nor a file");
            try {
                json = Files.readString(f);
            } catch (IOException e) {
                throw new BadInputException("--samples " + text + ": cannot read: " + e.getMessage());
            }
        }
        try {
            return new ObjectMapper().readValue(json, new TypeReference<Map<String, List<Integer>>>() { });
        } catch (IOException e) {
            throw new BadInputException("--samples " + text + ": expected a JSON object of task -> list of doc ids, e.g."
                    + " {\"arc_easy\": [0, 1, 2]} (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
