package org.elusive.sweep;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.elusive.catalog.Family;
import org.elusive.catalog.Steps;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.TaskSource;
import org.elusive.scoring.ScoringOptions;

/**
 * What a sweep was asked for, typed: the command line's strings end at the CLI.
 *
 * @param checkpoints which checkpoints of which family
 * @param tasks       task names; groups (mmlu) expand to their tasks
 * @param hubCache    the HF hub cache to resolve checkpoints in; null = the default one
 * @param device      empty = cuda when the engine sees a GPU, else cpu (decided when scoring starts)
 * @param dtype       empty = the device's default (fp16 on CUDA, fp32 on CPU)
 * @param prefetch    whether the next checkpoint loads while the current one scores
 * @param sets        scaling sets to correlate across (empty: every set the results cover, else the family)
 */
public record SweepArgs(Selection checkpoints, List<String> tasks, TaskSource source, Path hubCache,
        Optional<DeviceSpec> device, Optional<DataType> dtype, ScoringOptions scoring, Prefetch prefetch, List<String> sets) {

    public SweepArgs {
        sets = List.copyOf(sets);
    }

    /** Without named scaling sets. */
    public SweepArgs(Selection checkpoints, List<String> tasks, TaskSource source, Path hubCache,
            Optional<DeviceSpec> device, Optional<DataType> dtype, ScoringOptions scoring, Prefetch prefetch) {
        this(checkpoints, tasks, source, hubCache, device, dtype, scoring, prefetch, List.of());
    }

    /** AUTO: when the next model fits in memory beside the current one (see {@link ModelMemory}); ON: always; OFF: never. */
    public enum Prefetch { AUTO, ON, OFF }

    /**
     * A family's checkpoints: some sizes (empty = all), some steps, params/tokens exact or as
     * published, from the registries in {@code modelsDir} (null = the default models/).
     */
    public record Selection(String family, List<String> sizes, Steps steps, Family.Counts counts, Path modelsDir) {
        public Selection withModelsDir(Path dir) { return new Selection(family, sizes, steps, counts, dir); }
    }

    public SweepArgs withModelsDir(Path dir) {
        return new SweepArgs(checkpoints.withModelsDir(dir), tasks, source, hubCache, device, dtype, scoring, prefetch, sets);
    }
}
