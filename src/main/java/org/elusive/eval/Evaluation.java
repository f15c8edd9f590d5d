package org.elusive.eval;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.model.AttentionPath;
import org.elusive.scoring.ScoredDoc;
import org.elusive.task.DocProblem;

/**
 * One checkpoint on a list of tasks, as {@code elusive eval} runs it: every task's requests are built
 * while the model loads, and before any scoring (a bad task fails in seconds, and the model is
 * closed as soon as its load ends); docs that cannot be built are skipped with a
 * warning and returned in the result, so the caller can write the rest and then fail.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * The checkpoint side of an evaluation.
     *
     * @param model     checkpoint directory or {@code org/name@revision} in the local HF hub cache
     * @param tokenizer tokenizer.json to use instead of the checkpoint's, or null
     * @param modelsDir family registries for the identity columns, or null for the default
     * @param attention fused or composed attention (same numbers to ~1e-5; docs/attention.md)
     */
    public record Target(String model, Path tokenizer, Device device, DataType dtype, Identity.Given identity,
            Path modelsDir, AttentionPath attention) {}

    /** Follows the scoring: told the checkpoint once it has loaded, then each doc as it completes. */
    @FunctionalInterface
    public interface Progress {
        Sink start(Checkpoint checkpoint, int requests);

        /** Sees each scored doc; closed after the last. */
        interface Sink extends Consumer<ScoredDoc>, AutoCloseable {
            @Override void close();
        }
    }

    /** Scores; with {@code writeOut}, first prints each task's first prompt to {@code log} ({@link WriteOut}). */
    public static EvalResult run(Evaluator evaluator, List<String> tasks, Target target, Progress progress,
            PrintStream log, boolean writeOut) {
        Path dir = CheckpointResolver.resolve(target.model());
        // the model and tokenizer load beside the request building, which runs on one core
        long[] loadNanos = new long[1];
        CompletableFuture<LoadedModel> model = CompletableFuture.supplyAsync(() -> {
            long loading = System.nanoTime();
            LoadedModel m = LoadedModel.load(dir, target.tokenizer(), target.device(), target.dtype()).attention(target.attention());
            loadNanos[0] = System.nanoTime() - loading;
            return m;
        }, task -> Warmup.daemon("elusive-open", task));
        Evaluator.Batch batch;
        try {
            batch = evaluator.requests(tasks);
        } catch (RuntimeException | Error e) {
            model.thenAccept(LoadedModel::close);
            throw e;
        }
        for (DocProblem p : batch.problems()) log.println("warning: skipping doc: " + p.message());
        if (writeOut) WriteOut.print(batch, log);
        List<ScoredDoc> scored = new ArrayList<>();
        try (Session session = evaluator.open(() -> loaded(model))) {
            Checkpoint ckpt = Identity.of(target.model(), dir, session.model().lm(), target.identity(), target.modelsDir(), log);
            log.printf("loaded %s (%s, %s) in %.1f s%n", dir, target.device(), target.dtype(), loadNanos[0] / 1e9);
            long started = System.nanoTime();
            try (Progress.Sink sink = progress.start(ckpt, batch.requests().size())) {
                session.score(batch.requests(), ckpt, d -> {
                    scored.add(d);
                    sink.accept(d);
                });
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (session.backoffs() > 0) log.println("note: out of memory " + session.backoffs() + " time(s); batches were halved");
            List<String> order = batch.tasks();
            scored.sort(Comparator.comparing((ScoredDoc d) -> order.indexOf(d.request().task()))
                    .thenComparingLong(d -> d.request().docId()));
            return new EvalResult(ckpt, session.model().lm().config(), batch, scored, session.stats(), seconds);
        }
    }

    /** The loaded model, or the load's own exception (a bad checkpoint is still a one-line error). */
    private static LoadedModel loaded(CompletableFuture<LoadedModel> model) {
        try {
            return model.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
