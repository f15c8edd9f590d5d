package org.elusive.sweep;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.core.BadInputException;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.Evaluator;
import org.elusive.eval.LoadedModel;
import org.elusive.eval.Session;
import org.elusive.model.Prefetcher;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.DocProblem;
import org.elusive.task.Request;
import org.elusive.task.TaskRequests;

/**
 * Scores units through the evaluation service: resolves the checkpoint in the HF cache (or a
 * directory), keeps one session open for all the tasks of that checkpoint (units of a checkpoint
 * come one after another), and scores chunks of each task's requests. Right after a checkpoint's
 * session opens, the next checkpoint of the {@link #upcoming} units starts loading in the background
 * (per {@link SweepArgs#prefetch()}), so its load overlaps this one's scoring.
 */
final class ModelRunner implements UnitRunner {

    /** A checkpoint directory → its model and tokenizer on a device, computing in a dtype. */
    @FunctionalInterface
    interface Loader {
        LoadedModel load(Path dir, Device device, DataType dtype);
    }

    private final SweepArgs args;
    private final Evaluator evaluator;
    private final Prefetcher<LoadedModel> models;
    private List<Unit> upcoming = List.of();
    private DeviceSpec device;
    private DataType dtype;
    private Checkpoint loadedFor;
    private Session session;

    ModelRunner(SweepArgs args) { this(args, (dir, device, dtype) -> LoadedModel.load(dir, null, device, dtype)); }

    /** With another loader (tests: one that records when each load starts). */
    ModelRunner(SweepArgs args, Loader loader) {
        this.args = args;
        this.evaluator = new Evaluator(args.source(), args.scoring());
        // device and dtype are set (initDevice) before the first take or prefetch, on this thread
        this.models = new Prefetcher<>(dir -> loader.load(dir, device.device(), dtype));
    }

    @Override public void upcoming(List<Unit> units) { upcoming = List.copyOf(units); }

    private Path resolve(Checkpoint c) {
        try {
            return args.hubCache() == null ? CheckpointResolver.resolve(c.spec())
                    : CheckpointResolver.resolve(c.spec(), args.hubCache());
        } catch (BadInputException e) {
            throw new MissingCheckpointException(e.getMessage(), e);
        }
    }

    /** Decided on first use, not at construction: the default asks the engine for GPUs, which starts it. */
    private void initDevice() {
        if (device != null) return;
        device = args.device().orElseGet(DeviceSpec::auto);
        dtype = args.dtype().orElseGet(device::defaultType);
    }

    /**
     * Device is left out on purpose (CPU and CUDA fp32 agree to rounding); the compute dtype is in,
     * since fp16 results differ.
     */
    @Override public Fingerprint fingerprint(Unit u) {
        initDevice();
        Path dir = resolve(u.checkpoint());
        return new Fingerprint(Map.of(
                "task", evaluator.fingerprint(u.task()),
                "checkpoint", u.checkpoint().spec() + ":" + Fingerprint.checkpointHash(dir),
                "options", "dtype=" + dtype.name().toLowerCase(Locale.ROOT) + ";" + args.scoring().fingerprint()));
    }

    @Override public Prepared prepare(Unit u) {
        initDevice();
        Checkpoint c = u.checkpoint();
        if (!c.equals(loadedFor)) {
            closeModel();
            Path dir = resolve(c);
            session = evaluator.open(() -> models.take(dir));   // the prefetched model, or a load now
            loadedFor = c;
            prefetchAfter(c, dir);
        }
        TaskRequests tr = evaluator.requests(u.task());
        for (DocProblem p : tr.problems()) System.out.println("warning: " + p.message());
        List<Request> requests = tr.requests();
        Session scoring = session;
        return new Prepared() {
            @Override public int size() { return requests.size(); }

            @Override public List<ChoiceRow> score(int from, int to) {
                return scoring.score(requests.subList(from, to), c);
            }
        };
    }

    /**
     * Starts loading the checkpoint of the upcoming units that follows {@code current}, unless prefetch
     * is off or, on auto, the two models would not fit (one line in the log then). A next checkpoint
     * that is not on disk is left alone: its own unit reports it, with the download command.
     */
    private void prefetchAfter(Checkpoint current, Path currentDir) {
        if (args.prefetch() == SweepArgs.Prefetch.OFF) return;
        Optional<Checkpoint> next = nextAfter(current);
        if (next.isEmpty()) return;
        Path dir;
        try {
            dir = resolve(next.get());
        } catch (MissingCheckpointException reportedByItsUnit) {
            return;
        }
        if (args.prefetch() == SweepArgs.Prefetch.AUTO && !fits(dir, currentDir)) return;
        models.prefetch(dir);
    }

    /** Both models fit in the free memory (or it is unknown); a line in the log when they do not. */
    private boolean fits(Path next, Path current) {
        Optional<String> refusal;
        try {
            refusal = ModelMemory.refusal(next, ModelMemory.estimate(next, dtype), ModelMemory.estimate(current, dtype),
                    ModelMemory.available(device.device()));
        } catch (RuntimeException unreadable) {
            return false;   // weights that cannot be read now fail their own unit's load, with the message
        }
        refusal.ifPresent(System.out::println);
        return refusal.isEmpty();
    }

    /** The first checkpoint after {@code current}'s units in the upcoming list (units of a checkpoint are contiguous). */
    private Optional<Checkpoint> nextAfter(Checkpoint current) {
        boolean seen = false;
        for (Unit u : upcoming) {
            if (u.checkpoint().equals(current)) seen = true;
            else if (seen) return Optional.of(u.checkpoint());
        }
        return Optional.empty();
    }

    private void closeModel() {
        if (session != null) session.close();
        session = null;
        loadedFor = null;
    }

    @Override public void close() {
        try {
            closeModel();
        } finally {
            models.close();   // a prefetched model nobody took is closed too
        }
    }
}
