package org.elusive.task;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.elusive.core.BadInputException;

/**
 * Which eval docs of each task a run scores and how their few-shot examples are drawn: lm-eval's
 * {@code --limit}, {@code --samples} and the fourth value of {@code --seed}.
 *
 * <p>{@code ids} (lm-eval's {@code --samples}) maps a task to dataset indices of its eval docs; as in
 * lm-eval's {@code doc_iterator}, the docs are taken in dataset order whatever the order given (a
 * repeated id counts once), and a task absent from the map, or mapped to an empty list, is scored
 * whole. Few-shot examples are drawn from {@code Random(fewshotSeed)} advanced once per scored doc,
 * so a selection scores each doc with the examples lm-eval gives it under that same selection.
 * Unlike lm-eval, which renumbers selected docs 0..k-1, a doc keeps its dataset index as doc_id.
 *
 * @param limit       the first docs of each task (NONE with a selection: lm-eval refuses both)
 * @param ids         task → selected eval-doc indices; empty = no selection
 * @param fewshotSeed the few-shot sampler's seed, lm-eval's default 1234
 */
public record DocSelection(Limit limit, Map<String, List<Integer>> ids, long fewshotSeed) {
    /** lm-eval's default few-shot seed (the fourth of --seed's 0,1234,1234,1234). */
    public static final long DEFAULT_FEWSHOT_SEED = 1234;

    public DocSelection {
        ids = Map.copyOf(ids);
        if (!limit.isNone() && !ids.isEmpty()) throw new BadInputException("--limit and --samples: give one of them, not both (as lm-eval)");
        ids.forEach((task, list) -> list.forEach(i -> {
            if (i < 0) throw new BadInputException("--samples: task " + task + ": doc id " + i + " is negative");
        }));
    }

    /** Every doc, lm-eval's default seed. */
    public static DocSelection all() { return new DocSelection(Limit.NONE, Map.of(), DEFAULT_FEWSHOT_SEED); }

    /** The first {@code limit} docs of each task, lm-eval's default seed. */
    public static DocSelection first(Limit limit) { return new DocSelection(limit, Map.of(), DEFAULT_FEWSHOT_SEED); }

    /** The indices of the eval docs scored for {@code task}, of its {@code n} docs, ascending. */
    public int[] indices(String task, int n) {
        List<Integer> chosen = ids.getOrDefault(task, List.of());
        if (chosen.isEmpty()) return java.util.stream.IntStream.range(0, limit.of(n)).toArray();
        TreeSet<Integer> sorted = new TreeSet<>(chosen);
        if (sorted.last() >= n) {
            throw new BadInputException("--samples: task " + task + ": doc id " + sorted.last() + " is out of range (the task has "
                    + n + " eval docs, ids 0.." + (n - 1) + ")");
        }
        return sorted.stream().mapToInt(Integer::intValue).toArray();
    }

    /** What the task's requests depend on here, for a sweep's fingerprint. */
    public String fingerprint(String task) {
        List<Integer> chosen = ids.getOrDefault(task, List.of());
        String which = chosen.isEmpty() ? "limit=" + limit : "ids=" + new TreeSet<>(chosen);
        return which + ":fewshotSeed=" + fewshotSeed;
    }
}
