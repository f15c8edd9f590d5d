package org.elusive.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.elusive.scoring.ScoringOptions;
import org.elusive.task.Datasets;
import org.elusive.task.DocProblem;
import org.elusive.task.Request;
import org.elusive.task.TaskConfig;
import org.elusive.task.TaskRegistry;
import org.elusive.task.TaskRequests;

/**
 * The evaluation service, the one path from tasks to rows that {@code eval}, {@code sweep} and
 * {@code demo} share: tasks → requests (here) → checkpoint → scorer ({@link Session}) → rows.
 * Requests are built without a model, so an unknown task, a missing dataset file or a broken
 * template fails before any weights load. A model comes in as a {@link Supplier}, called once when
 * the session opens: a caller that loads the next checkpoint in the background while the current
 * one scores passes the supplier of that load (e.g. {@code future::join}) and nothing here changes.
 */
public final class Evaluator {
    private final TaskSource source;
    private final TaskRegistry registry;
    private final ScoringOptions scoring;
    /** For fingerprints only (hashes are cached, docs are not kept: a sweep's evaluator lives through every task). */
    private final Datasets hashes;

    public Evaluator(TaskSource source, ScoringOptions scoring) {
        this.source = source;
        this.registry = TaskRegistry.withOverlay(source.tasksDir());
        this.scoring = scoring;
        this.hashes = Datasets.of(source.dataDir());
    }

    public TaskSource source() { return source; }

    public ScoringOptions scoring() { return scoring; }

    /** The tasks, groups and tags this evaluator knows (built-in, overlaid by the tasks directory). */
    public TaskRegistry registry() { return registry; }

    /** Task names with groups and tags (e.g. mmlu) expanded to their tasks, in order. */
    public List<String> expand(List<String> names) { return registry.expand(String.join(",", names)); }

    public TaskConfig task(String name) { return registry.get(name); }

    /** The requests of one task, built from its docs; docs that cannot be built are listed as problems. */
    public TaskRequests requests(String task) {
        return task(task).requests(Datasets.of(source.dataDir()), source.numFewshot(), source.selection());
    }

    /**
     * What one task's rows depend on: its config, the few-shot count, the doc selection, and the
     * revision and content hash of the splits it reads (eval and few-shot).
     */
    public String fingerprint(String task) {
        TaskConfig c = task(task);
        String data = hashes.fingerprint(c.datasetPath(), c.datasetName(), c.datasetRevision(), c.evalSplit());
        if (source.numFewshot().orElse(c.defaultNumFewshot()) > 0 && !c.fewshotPoolSplit().equals(c.evalSplit())) {
            data += "+" + hashes.fingerprint(c.datasetPath(), c.datasetName(), c.datasetRevision(), c.fewshotPoolSplit());
        }
        return c.fingerprint(source.numFewshot(), source.selection()) + ":data=" + data;
    }

    /** The requests of several tasks, in task order, and the docs that could not be built. */
    public Batch requests(List<String> tasks) {
        Map<String, TaskConfig> configs = new LinkedHashMap<>();
        List<Request> requests = new ArrayList<>();
        List<DocProblem> problems = new ArrayList<>();
        Datasets data = Datasets.of(source.dataDir());   // one for the batch: tasks sharing a split read it once
        for (String name : tasks) {
            TaskConfig cfg = task(name);
            TaskRequests tr = cfg.requests(data, source.numFewshot(), source.selection());
            configs.put(name, cfg);
            requests.addAll(tr.requests());
            problems.addAll(tr.problems());
        }
        return new Batch(configs, requests, problems);
    }

    /** Requests of several tasks: the configs by task name (in order), the requests, the skipped docs. */
    public record Batch(Map<String, TaskConfig> configs, List<Request> requests, List<DocProblem> problems) {
        public List<String> tasks() { return List.copyOf(configs.keySet()); }
    }

    /** Loads the model (calls {@code model} now) and opens a scoring session on it. */
    public Session open(Supplier<LoadedModel> model) {
        return new Session(model.get(), scoring);
    }
}
