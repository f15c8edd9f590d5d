package org.elusive.eval;

import java.util.ArrayList;
import java.util.List;
import org.elusive.catalog.Checkpoint;
import org.elusive.model.ModelConfig;
import org.elusive.rows.ChoiceRow;
import org.elusive.scoring.ScoredDoc;
import org.elusive.scoring.Scorer;
import org.elusive.scoring.TaskMetrics;

/**
 * One checkpoint scored on tasks.
 *
 * @param model   the architecture of the checkpoint (context length, special token ids)
 * @param docs    every scored doc, in task order then doc id (the order of the choices table)
 * @param seconds wall time of scoring alone (the model load excluded)
 */
public record EvalResult(Checkpoint checkpoint, ModelConfig model, Evaluator.Batch batch, List<ScoredDoc> docs, Scorer.Stats stats,
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

    /** lm-eval's aggregate metrics of each task's metric_list, one per task, in task order. */
    public List<TaskMetrics> metrics() {
        List<TaskMetrics> out = new ArrayList<>();
        for (String task : batch.tasks()) {
            LmEvalTask t = LmEvalTask.of(batch.configs().get(task));
            out.add(TaskMetrics.of(task, docs(task), t.loglikelihood(), t.metrics()));
        }
        return out;
    }
}
