package org.elusive.sweep;

import java.util.List;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.Families;
import org.elusive.eval.Evaluator;

/** The real backend: family registries, task registry, the evaluation service, and the analysis engine. */
public class ModelBackend implements SweepBackend {

    @Override public List<Checkpoint> checkpoints(SweepArgs a) {
        SweepArgs.Selection s = a.checkpoints();
        Families families = s.modelsDir() == null ? Families.load() : Families.load(s.modelsDir());
        return families.get(s.family()).checkpoints(s.sizes(), s.steps(), s.counts());
    }

    @Override public List<String> tasks(SweepArgs a) {
        return new Evaluator(a.source(), a.scoring()).expand(a.tasks());
    }

    @Override public UnitRunner runner(SweepArgs a) { return new ModelRunner(a); }

    @Override public Aggregator aggregator(SweepArgs a) { return new EngineAggregator(a.checkpoints().modelsDir(), a.sets()); }
}
