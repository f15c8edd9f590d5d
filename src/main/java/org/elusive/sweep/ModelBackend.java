package org.elusive.sweep;

import java.util.List;
import java.util.Locale;
import org.elusive.core.BadInputException;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.Families;
import org.elusive.catalog.Family;
import org.elusive.catalog.Steps;
import org.elusive.task.Tasks;

/** The real backend: family registries, task registry, model runtime + scorer, and the analysis engine. */
public class ModelBackend implements SweepBackend {

    @Override public List<Checkpoint> checkpoints(SweepArgs a) {
        if (a.steps() != null && a.every() != null) throw new BadInputException("--steps and --every: give one of them, not both");
        Steps steps = a.steps() != null ? Steps.parse(a.steps()) : a.every() != null ? Steps.every(a.every()) : Steps.ALL;
        Family.Counts counts = switch (a.counts() == null ? "exact" : a.counts().toLowerCase(Locale.ROOT)) {
            case "exact" -> Family.Counts.EXACT;
            case "paper" -> Family.Counts.PAPER;
            default -> throw new BadInputException("--counts " + a.counts() + ": expected exact or paper");
        };
        Families families = a.modelsDir() == null ? Families.load() : Families.load(a.modelsDir());
        return families.get(a.family()).checkpoints(a.sizes(), steps, counts);
    }

    @Override public List<String> tasks(SweepArgs a) {
        return Tasks.expand(String.join(",", a.tasks()), a.tasksDir());
    }

    @Override public UnitRunner runner(SweepArgs a) { return new ModelRunner(a); }

    @Override public Aggregator aggregator(SweepArgs a) { return new EngineAggregator(); }
}
