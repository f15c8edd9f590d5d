package org.elusive.sweep;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.core.BadInputException;
import org.elusive.eval.DeviceSpec;
import org.elusive.eval.Evaluator;
import org.elusive.eval.LoadedModel;
import org.elusive.eval.Session;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.DocProblem;
import org.elusive.task.Request;
import org.elusive.task.TaskRequests;

/**
 * Scores units through the evaluation service: resolves the checkpoint in the HF cache (or a
 * directory), keeps one session open for all the tasks of that checkpoint (units of a checkpoint
 * come one after another), and scores chunks of each task's requests.
 */
final class ModelRunner implements UnitRunner {
    private final SweepArgs args;
    private final Evaluator evaluator;
    private DeviceSpec device;
    private DataType dtype;
    private Checkpoint loadedFor;
    private Session session;

    ModelRunner(SweepArgs args) {
        this.args = args;
        this.evaluator = new Evaluator(args.source(), args.scoring());
    }

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
            session = evaluator.open(load(resolve(c)));
            loadedFor = c;
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
     * The checkpoint's load, handed to the service as a supplier: this is where a prefetching loader
     * (the next checkpoint loading while this one scores) plugs in, returning its future's join.
     */
    private Supplier<LoadedModel> load(Path dir) {
        return () -> LoadedModel.load(dir, null, device.device(), dtype);
    }

    private void closeModel() {
        if (session != null) session.close();
        session = null;
        loadedFor = null;
    }

    @Override public void close() { closeModel(); }
}
