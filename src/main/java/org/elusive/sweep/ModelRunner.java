package org.elusive.sweep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.elusive.core.BadInputException;
import org.elusive.model.CausalLM;
import org.elusive.catalog.Checkpoint;
import org.elusive.model.CheckpointLoader;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.model.Tokenizers;
import org.elusive.scoring.Scorer;
import org.elusive.scoring.ScoringOptions;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.DocProblem;
import org.elusive.task.Request;
import org.elusive.task.TaskConfig;
import org.elusive.task.TaskRegistry;
import org.elusive.task.TaskRequests;

/**
 * Scores units with the real model runtime: resolves the checkpoint in the HF cache (or a
 * directory), loads it once for all the tasks of that checkpoint, builds the task's requests from
 * the data root and scores chunks of them with the batched scorer.
 */
final class ModelRunner implements UnitRunner {
    private final SweepArgs args;
    private final TaskRegistry registry;
    private final ScoringOptions scoring;
    private Device device;
    private DataType dtype;
    private Checkpoint loadedFor;
    private CausalLM model;
    private HuggingFaceTokenizer tokenizer;

    ModelRunner(SweepArgs args) {
        this.args = args;
        this.registry = TaskRegistry.withOverlay(args.tasksDir());
        ScoringOptions o = ScoringOptions.defaults();
        if (args.batchTokens() != null) o = o.withBatchTokens(args.batchTokens());
        if (args.maxLength() != null) o = o.withMaxLength(args.maxLength());
        this.scoring = o;
    }

    private Path resolve(Checkpoint c) {
        try {
            return args.hubCache() == null ? CheckpointResolver.resolve(c.spec())
                    : CheckpointResolver.resolve(c.spec(), args.hubCache());
        } catch (BadInputException e) {
            throw new MissingCheckpointException(e.getMessage(), e);
        }
    }

    private OptionalInt fewshot() { return args.numFewshot() == null ? OptionalInt.empty() : OptionalInt.of(args.numFewshot()); }

    private OptionalInt limit() { return args.limit() == null ? OptionalInt.empty() : OptionalInt.of(args.limit()); }

    private void initDevice() {
        if (device != null) return;
        String d = args.device();
        if (d == null) d = Engine.getEngine("PyTorch").getGpuCount() > 0 ? "cuda" : "cpu";
        device = CheckpointLoader.device(d);
        dtype = args.dtype() == null ? CheckpointLoader.defaultType(device) : switch (args.dtype().toLowerCase(Locale.ROOT)) {
            case "fp32", "float32" -> DataType.FLOAT32;
            case "fp16", "float16" -> DataType.FLOAT16;
            default -> throw new BadInputException("--dtype " + args.dtype() + ": expected fp32 or fp16");
        };
    }

    /**
     * Device is left out on purpose (CPU and CUDA fp32 agree to rounding); the compute dtype is in,
     * since fp16 results differ.
     */
    @Override public Fingerprint fingerprint(Unit u) {
        initDevice();
        Path dir = resolve(u.checkpoint());
        TaskConfig task = registry.get(u.task());
        return new Fingerprint(Map.of(
                "task", task.fingerprint(fewshot(), limit()),
                "checkpoint", u.checkpoint().spec() + ":" + Fingerprint.checkpointHash(dir),
                "options", "dtype=" + dtype.name().toLowerCase(Locale.ROOT) + ";" + scoring.fingerprint()));
    }

    @Override public Prepared prepare(Unit u) {
        initDevice();
        Checkpoint c = u.checkpoint();
        if (!c.equals(loadedFor)) {
            closeModel();
            Path dir = resolve(c);
            model = CheckpointLoader.load(dir, device, dtype);
            tokenizer = Tokenizers.load(dir);
            loadedFor = c;
        }
        TaskRequests tr = registry.get(u.task()).requests(args.dataDir(), fewshot(), limit());
        for (DocProblem p : tr.problems()) System.out.println("warning: " + p.message());
        List<Request> requests = tr.requests();
        Scorer scorer = new Scorer(model, tokenizer, scoring);
        return new Prepared() {
            @Override public int size() { return requests.size(); }

            @Override public List<ChoiceRow> score(int from, int to) {
                return scorer.score(requests.subList(from, to), c);
            }
        };
    }

    private void closeModel() {
        if (model != null) model.close();
        if (tokenizer != null) tokenizer.close();
        model = null;
        tokenizer = null;
        loadedFor = null;
    }

    @Override public void close() { closeModel(); }
}
