package org.elusive.forecast;

import java.util.ArrayList;
import java.util.List;

/** Every forecasting method, run on one panel and split; those that need the choices skip a scores-only panel. */
public final class Methods {
    private Methods() {}

    /** The methods' names in the order they are run and reported. */
    public static final List<String> NAMES = List.of(AccSigmoid.NAME, ChoiceLaws.CORRECT_ONLY, ChoiceLaws.PER_CHOICE,
            ChoiceLaws.PER_CHOICE_EXPECTED, SandwichMethod.NAME, ChoiceLaws.MARGIN);

    /** Predictions at every x in {@code xs} (log10 compute); a method not run says why in {@code notes}. */
    public static List<Forecast> run(Panel p, Split s, double[] xs, List<String> notes) {
        List<Forecast> out = new ArrayList<>(AccSigmoid.forecast(p, s, xs));
        boolean choiceLaws = p.hasChoices() && p.multipleChoice();
        if (choiceLaws) {
            out.addAll(ChoiceLaws.correctOnly(p, s, xs));
            out.addAll(ChoiceLaws.perChoice(p, s, xs));
        } else {
            notes.add("correct_only, per_choice and margin not run on " + p.set() + "/" + p.benchmark() + ": "
                    + (p.hasChoices() ? "some docs have a single choice" : "they need a choices table (--choices), not scores"));
        }
        out.addAll(SandwichMethod.forecast(p, s, xs, notes));
        if (choiceLaws) out.addAll(ChoiceLaws.margin(p, s, xs));
        return out;
    }
}
