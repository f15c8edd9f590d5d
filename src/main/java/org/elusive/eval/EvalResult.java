package org.elusive.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elusive.catalog.Checkpoint;
import org.elusive.rows.ChoiceRow;
import org.elusive.scoring.SamplesWriter;
import org.elusive.scoring.ScoredDoc;
import org.elusive.scoring.Scorer;
import org.elusive.scoring.TaskMetrics;
import org.elusive.task.Datasets;
import org.elusive.task.TaskConfig;

/**
 * One checkpoint scored on tasks.
 *
 * @param docs    every scored doc, in task order then doc id (the order of the choices table)
 * @param seconds wall time of scoring alone (the model load excluded)
 */
public record EvalResult(Checkpoint checkpoint, Evaluator.Batch batch, List<ScoredDoc> docs, Scorer.Stats stats,
        double seconds) {

    /** The choices table: every doc's choices in doc order. */
    public List<ChoiceRow> rows() {
        List<ChoiceRow> rows = new ArrayList<>();
        docs.forEach(d -> rows.addAll(d.choices()));
        return rows;
    }

    public List<ScoredDoc> docs(String task) {
        return docs.stream().filter(d -> d.request().task().equals(task)).toList();
    }

    /** lm-eval's aggregate metrics, one per task, in task order. */
    public List<TaskMetrics> metrics() {
        List<TaskMetrics> out = new ArrayList<>();
        for (String task : batch.tasks()) out.add(TaskMetrics.of(task, docs(task), loglikelihood(task)));
        return out;
    }

    /**
     * lm-eval's {@code --log_samples} files under {@code dir}: samples_&lt;task&gt;_&lt;date&gt;.jsonl per task
     * (with each doc's dataset row, read again from {@code dataDir}) and results_&lt;date&gt;.json with
     * the metrics and {@code config}.
     */
    public void writeSamples(Path dir, Path dataDir, Map<String, Object> config) {
        String date = SamplesWriter.dateId();
        for (String task : batch.tasks()) {
            List<ScoredDoc> mine = docs(task);
            TaskConfig cfg = batch.configs().get(task);
            SamplesWriter.writeSamples(dir, task, date, mine, rawDocs(cfg, dataDir, mine), loglikelihood(task));
        }
        SamplesWriter.writeResults(dir, date, metrics(), checkpoint, config);
    }

    /** The dataset rows of the scored docs (for the samples' {@code doc} field), by doc id. */
    private static Map<Long, Map<String, Object>> rawDocs(TaskConfig cfg, Path dataDir, List<ScoredDoc> docs) {
        List<Map<String, Object>> rows = Datasets.of(dataDir).load(cfg.datasetPath(), cfg.datasetName(), cfg.datasetRevision(), cfg.evalSplit());
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (ScoredDoc d : docs) {
            long id = d.request().docId();
            if (id < rows.size()) out.put(id, rows.get((int) id));
        }
        return out;
    }

    private boolean loglikelihood(String task) {
        return batch.configs().get(task).outputType().equals("loglikelihood");
    }
}
