package org.elusive.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.elusive.core.BadInputException;

/**
 * A model family as listed in {@code models/<name>.yaml}: its sizes and, for each, the revisions on
 * the Hub with the tokens seen at each, so that compute (6·params·tokens) is known without
 * downloading anything. Sizes are in file order (smallest first); revisions in training order.
 *
 * <p>Two sets of counts are kept: {@link Counts#EXACT} (parameters counted from the architecture,
 * tokens = steps × sequences × length) and {@link Counts#PAPER} (the rounded figures of the Elusive
 * paper's models.csv, e.g. Pythia-160m = 160M params and 2M tokens per step), so the paper's
 * analyses can be reproduced number for number. {@code sets} are the scaling sets the file defines.
 */
public record Family(String name, String description, String architecture, Path file, List<Model> models,
        List<ScalingSet> sets) {

    /** Which parameter and token counts a {@link Checkpoint} carries. */
    public enum Counts {
        EXACT, PAPER;

        /** {@code exact} or {@code paper} (any case); anything else is a BadInputException. */
        public static Counts parse(String s) {
            for (Counts c : values()) {
                if (c.name().equalsIgnoreCase(s.trim())) return c;
            }
            throw new BadInputException("--counts " + s + ": expected exact or paper");
        }
    }

    /** One size of the family. */
    public record Model(String size, String hf, long params, long paperParams, List<Revision> revisions) {}

    /** One checkpoint of a model: a Hub revision (branch) and the tokens seen; {@code step} is -1 where the schedule has none. */
    public record Revision(String name, long step, double tokens, double paperTokens) {}

    public Family {
        models = List.copyOf(models);
        sets = List.copyOf(sets);
    }

    public List<String> sizes() {
        return models.stream().map(Model::size).toList();
    }

    /** The model of that size; unknown size: BadInputException listing the sizes there are. */
    public Model model(String size) {
        return models.stream().filter(m -> m.size().equalsIgnoreCase(size)).findFirst()
                .orElseThrow(() -> new BadInputException(file + ": family " + name + " has no size '" + size
                        + "' (sizes: " + String.join(", ", sizes()) + ")"));
    }

    /** Every checkpoint of every size, with exact counts. */
    public List<Checkpoint> checkpoints() {
        return checkpoints(List.of(), Steps.ALL, Counts.EXACT);
    }

    /** {@link #checkpoints(Collection, Steps, Counts)} with exact counts. */
    public List<Checkpoint> checkpoints(Collection<String> sizes, Steps steps) {
        return checkpoints(sizes, steps, Counts.EXACT);
    }

    /**
     * The checkpoints of the given sizes (empty: all sizes) that {@code steps} keeps, model by model in
     * size order. A step or revision asked for that no selected model has is a BadInputException.
     */
    public List<Checkpoint> checkpoints(Collection<String> sizes, Steps steps, Counts counts) {
        List<Model> selected = sizes == null || sizes.isEmpty() ? models : sizes.stream().map(this::model).toList();
        List<Checkpoint> out = new ArrayList<>();
        Set<String> matched = new LinkedHashSet<>();
        for (Model m : selected) {
            List<Revision> revs = m.revisions();
            for (int i = 0; i < revs.size(); i++) {
                Revision r = revs.get(i);
                String hit = steps.match(r, i == revs.size() - 1);
                if (hit == null) continue;
                matched.add(hit);
                boolean paper = counts == Counts.PAPER;
                out.add(new Checkpoint(name, m.hf(), r.name(), paper ? m.paperParams() : m.params(),
                        paper ? r.paperTokens() : r.tokens()));
            }
        }
        List<String> unmatched = steps.requested().stream().filter(s -> !matched.contains(s)).toList();
        if (!unmatched.isEmpty()) {
            throw new BadInputException(file + ": family " + name + " has no checkpoint " + String.join(", ", unmatched)
                    + " in sizes " + selected.stream().map(Model::size).toList());
        }
        return out;
    }
}
