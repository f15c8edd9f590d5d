package org.elusive.cli;

import ai.djl.ndarray.types.DataType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.elusive.catalog.Families;
import org.elusive.catalog.Family;
import org.elusive.catalog.Steps;
import org.elusive.core.BadInputException;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.TaskSource;
import org.elusive.scoring.ScoringOptions;
import org.elusive.sweep.DerivedTables;
import org.elusive.sweep.ModelBackend;
import org.elusive.sweep.Shard;
import org.elusive.sweep.Sweep;
import org.elusive.sweep.SweepArgs;
import org.elusive.sweep.SweepBackend;
import org.elusive.sweep.SweepPlan;
import org.elusive.sweep.SweepStatus;
import org.elusive.sweep.TableWatch;
import org.elusive.sweep.Unit;
import org.elusive.task.DocSelection;
import org.elusive.task.Limit;
import org.elusive.sweep.UnitRunner;
import org.elusive.sweep.UnitStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Score a model family's checkpoints on tasks, resumably, into one results directory,"
                + " keeping scores.parquet, correlations.parquet and the correlation figure up to date.",
                "Rerun the same command after any crash: finished units are skipped, a unit in progress resumes"
                        + " after its last saved part. Shards of a job array (--shard i/N) may share --out.",
                "Exit code 1 when a unit failed (the others still run), 2 on bad arguments."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--family", description = "Family in models/*.yaml, e.g. pythia.") String family;
    @Option(names = "--sizes", split = ",", description = "Sizes to include, e.g. 70m,160m (default: all).") List<String> sizes = List.of();
    @Option(names = "--steps", description = "Steps or revisions, e.g. 0,1000,143000 (default: all).") Steps steps;
    @Option(names = "--every", description = "Only steps that are multiples of N, plus each model's final checkpoint.") Long every;
    @Option(names = "--counts", defaultValue = "exact",
            description = "Params/tokens: exact (counted from the architecture) or paper (the Elusive paper's rounded figures). Default: ${DEFAULT-VALUE}.") Family.Counts counts;
    @Option(names = "--sets", split = ",", description = "Scaling sets of models/*.yaml to correlate across, each once a task has"
            + " all its checkpoints (default: every set the results cover, else the family). Give the sets' sizes and steps"
            + " to sweep their checkpoints.") List<String> sets = List.of();
    @Option(names = {"--tasks", "-t"}, split = ",", arity = "1..*", description = "Task or group names (tasks/*.yaml), e.g. arc_easy,hellaswag,mmlu.") List<String> tasks = List.of();
    @Option(names = "--data-dir", description = "Data root <org>/<name>/ (default: the HF hub cache alone; docs/lm-eval.md).") Path dataDir;
    @Option(names = "--models-dir", description = "Directory of family registries (default: models).") Path modelsDir;
    @Option(names = {"--tasks-dir", "--include_path"}, description = "Extra task YAMLs, overlaid on the built-in tasks/.") Path tasksDir;
    @Option(names = "--hub-cache", description = "HF hub cache (default: $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub).") Path hubCache;
    @Option(names = "--out", required = true, description = "Results directory, e.g. results/pythia.") Path out;
    @Option(names = "--shard", description = "i/N: run only shard i of N (0-based), e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT.") String shard;
    @Option(names = "--device", description = "cpu or cuda (default: cuda when available).") DeviceSpec device;
    @Option(names = "--dtype", description = "fp32 or fp16 (default: fp16 on CUDA, fp32 on CPU).") DataType dtype;
    @Option(names = {"--limit", "-L"}, paramLabel = "N|FRACTION", description = "Score only the first N documents of each task, or (below 1) that fraction, rounded up.") Limit limit;
    @Option(names = "--seed", paramLabel = "N|P,N,T,F", description = "lm-eval's seeds; the fourth (few-shot) is the one used. Default: 0,1234,1234,1234.") String seed;
    @Option(names = {"--batch_size", "-b"}, paramLabel = "auto|auto:N|N", description = "Accepted for lm-eval commands; batching is by tokens (--batch-tokens).") String batchSize;
    @Option(names = {"--num-fewshot", "--num_fewshot", "-f"}, converter = Converters.NonNegative.class, description = "Override the tasks' number of few-shot examples.") Integer numFewshot;
    @Option(names = "--batch-tokens", converter = Converters.Positive.class, description = "Padded tokens per forward call (default: the scorer's; raise it on GPUs).") Integer batchTokens;
    @Option(names = "--max-length", converter = Converters.Positive.class, description = "Model context for lm-eval's left truncation (default: max_position_embeddings).") Integer maxLength;
    @Option(names = "--checkpoint-every", converter = Converters.Positive.class, defaultValue = "2000",
            description = "Save a part file every N requests, so a crash loses at most that much (default ${DEFAULT-VALUE}).") int checkpointEvery;
    @Option(names = "--aggregate-every", converter = Converters.NonNegative.class, defaultValue = "1",
            description = "Update scores/correlations/figures in the background once N units finished since the last update"
                    + " (and --aggregate-interval passed), and at the end; 0 = at the end only (default ${DEFAULT-VALUE}).") int aggregateEvery;
    @Option(names = "--aggregate-interval", defaultValue = "5m",
            description = "At most one table update per interval while scoring, e.g. 300s, 5m, 1h (default ${DEFAULT-VALUE});"
                    + " with --aggregate, how often to look for new units.") Duration aggregateInterval;
    @Option(names = "--aggregate",
            description = "Do not score: keep the tables of --out up to date every --aggregate-interval until every planned unit is done"
                    + " or failed, then exit (a job of its own beside shards run with --aggregate-every 0).") boolean aggregate;
    @Option(names = "--prefetch", defaultValue = "auto",
            description = "Load the next checkpoint while the current one scores: auto (only when both fit in memory), on, off (default ${DEFAULT-VALUE}).") SweepArgs.Prefetch prefetch;
    @Option(names = "--status", description = "Print the done / running / partial / pending / failed units of --out, rebuild the tables if a kill left them behind the done units, and exit.") boolean status;

    private final SweepBackend backend;

    /** The real backend: models, scorer and engine. */
    public SweepCommand() { this(new ModelBackend()); }

    /** Another backend (tests: one that needs no model, or one that slows scoring down to kill it mid-unit). */
    public SweepCommand(SweepBackend backend) { this.backend = backend; }

    @Override public Integer call() throws Exception {
        PrintStream log = System.out;
        if (status) {
            UnitStore store = new UnitStore(out);
            List<Unit> units = family == null ? SweepPlan.read(out) : plan();
            if (units.isEmpty()) throw new BadInputException(out + ": no plan.json (no sweep has run into it) and no --family/--tasks given");
            Map<String, Integer> counts = SweepStatus.print(SweepStatus.of(store, units), log);
            boolean tables = new DerivedTables(out, backend.aggregator(args()), log).refreshUnlessBusy();
            return counts.get("failed") + counts.get("missing") > 0 || !tables ? ExitCodes.FAILURE : ExitCodes.OK;
        }
        if (aggregate) {
            if (SweepPlan.read(out).isEmpty()) throw new BadInputException(out + ": no plan.json (no sweep has run into it yet): nothing to aggregate");
            return new TableWatch(out, backend.aggregator(args()), log).run(aggregateInterval) ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        Outputs.directory("--out", out);   // before any unit runs: otherwise every unit would fail on it
        Shard s = shard != null ? Shard.parse(shard) : Shard.ALL;
        Sweep.Options options = new Sweep.Options(checkpointEvery, aggregateEvery, aggregateInterval);
        List<Unit> planned = plan();
        List<Unit> mine = SweepPlan.shard(planned, s);
        log.printf("sweep: %d units, shard %s has %d%n", planned.size(), s, mine.size());
        try (UnitRunner runner = backend.runner(args())) {
            Sweep.Outcome outcome = new Sweep(out, runner, backend.aggregator(args()), options, log).run(mine, planned);
            return outcome.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private List<Unit> plan() throws Exception {
        if (family == null) throw new BadInputException("sweep: --family is required (a family of models/*.yaml, e.g. pythia)");
        if (tasks.isEmpty()) throw new BadInputException("sweep: --tasks is required (comma-separated task names)");
        if (!sets.isEmpty()) {   // an unknown set fails now, not when the first unit's correlations are built
            Families registry = modelsDir == null ? Families.load() : Families.load(modelsDir);
            sets.forEach(registry::set);
        }
        var checkpoints = backend.checkpoints(args());
        if (checkpoints.isEmpty()) throw new BadInputException("sweep: family '" + family + "' has no checkpoints matching --sizes "
                + sizes + (steps == null ? "" : " --steps " + String.join(",", steps.requested())) + (every == null ? "" : " --every " + every));
        return SweepPlan.units(checkpoints, backend.tasks(args()));
    }

    private SweepArgs args() {
        if (steps != null && every != null) throw new BadInputException("--steps and --every: give one of them, not both");
        Steps which = steps != null ? steps : every != null ? Steps.every(every) : Steps.ALL;
        ScoringOptions scoring = ScoringOptions.defaults();
        if (batchTokens != null) scoring = scoring.withBatchTokens(batchTokens);
        if (maxLength != null) scoring = scoring.withMaxLength(maxLength);
        if (batchSize != null) LmEvalSpellings.batchSize(batchSize);
        DocSelection selection = new DocSelection(limit == null ? Limit.NONE : limit, Map.of(),
                seed == null ? DocSelection.DEFAULT_FEWSHOT_SEED : LmEvalSpellings.fewshotSeed(seed));
        TaskSource source = new TaskSource(dataDir, tasksDir,
                numFewshot == null ? OptionalInt.empty() : OptionalInt.of(numFewshot), selection);
        return new SweepArgs(new SweepArgs.Selection(family, sizes, which, counts, modelsDir), tasks, source, hubCache,
                Optional.ofNullable(device), Optional.ofNullable(dtype), scoring, prefetch, sets);
    }
}
