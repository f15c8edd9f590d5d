package org.elusive.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.elusive.rows.CorrelationSummaryRow;
import org.elusive.rows.ScoreRow;

/**
 * REPORT.md of the demo: every number in it is read from the sweep's tables (scores and the
 * correlation summary), none is written by hand, so the report says what this run measured.
 */
public final class DemoReport {

    /** The stages of the Elusive paper, from the model's raw output to the benchmark metric. */
    static final List<String> STAGES = List.of("log_p_vocab_correct", "p_vocab_correct", "p_choices_correct",
            "brier", "acc");

    private DemoReport() {}

    /** The summary rows of one task and method, in the order of {@link #STAGES}. */
    static List<CorrelationSummaryRow> stages(List<CorrelationSummaryRow> summary, String task, String method) {
        List<CorrelationSummaryRow> out = new ArrayList<>();
        for (String s : STAGES) {
            summary.stream().filter(r -> r.task().equals(task) && r.method().equals(method) && r.score().equals(s))
                    .findFirst().ifPresent(out::add);
        }
        return out;
    }

    public static String markdown(List<ScoreRow> scores, List<CorrelationSummaryRow> summary, List<String> figures,
            String runInfo) {
        StringBuilder md = new StringBuilder("# elusive demo report\n\n").append(runInfo).append("\n\n");
        List<String> tasks = scores.stream().map(ScoreRow::task).distinct()
                .sorted(Comparator.comparing((String t) -> !t.equals(Demo.TASK)).thenComparing(t -> t)).toList();
        for (String task : tasks) {
            md.append("## ").append(task).append("\n\n");
            if (!task.equals(Demo.TASK)) {
                md.append("The demo models were trained only on the generated corpus and know no English (the real "
                        + "benchmark's words are unknown tokens to their vocabulary), so this slice shows the pipeline "
                        + "running on a real benchmark; its accuracy stays at chance and its correlations are noise.\n\n");
            }
            md.append(checkpointTable(scores.stream().filter(r -> r.task().equals(task)).toList()));
            List<CorrelationSummaryRow> rows = stages(summary, task, "spearman");
            if (rows.isEmpty() || !task.equals(Demo.TASK)) continue;
            md.append("\n### Per-sample correlation with log10(compute), by stage (Spearman)\n\n")
                    .append("| score | docs | NaN | mean | median | area under survival |\n|---|---:|---:|---:|---:|---:|\n");
            for (CorrelationSummaryRow r : rows) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f |%n", r.score(), r.n(),
                        r.nNan(), r.mean(), r.median(), r.survivalArea()));
            }
            CorrelationSummaryRow first = rows.get(0), last = rows.get(rows.size() - 1);
            md.append(String.format(Locale.ROOT, "%nFrom `%s` to `%s` the mean per-sample correlation with compute goes "
                    + "from %.3f to %.3f (%s): %s%n", first.score(), last.score(), first.mean(), last.mean(),
                    last.mean() < first.mean() ? "it degrades" : "it does not degrade here",
                    last.mean() < first.mean()
                            ? "each transformation from log-likelihoods towards accuracy discards information "
                                    + "about how the probability mass on the incorrect choices moves with scale, "
                                    + "which is the Elusive paper's explanation of why benchmark accuracy is hard to "
                                    + "predict while log-likelihoods scale smoothly."
                            : "with so few checkpoints the estimate is noisy; run with more sizes or steps."));
        }
        if (!figures.isEmpty()) {
            md.append("\n## Figures\n\n");
            for (String f : figures) {
                md.append("![").append(f).append("](").append(f).append(")\n\n");
                String caption = caption(f);
                if (!caption.isEmpty()) md.append(caption).append("\n\n");
            }
        }
        return md.toString();
    }

    /** What a figure shows, for the figures that need more than their title. */
    static String caption(String figure) {
        String name = figure.substring(figure.lastIndexOf('/') + 1);
        if (name.startsWith("mass_scatter_")) {
            return "Every doc at every checkpoint: the probability mass on the incorrect choices against the mass on the "
                    + "correct one, darker for less compute. Accuracy only asks which of the two is larger; how both move "
                    + "with scale is what the paper says accuracy throws away.";
        }
        if (name.startsWith("mass_")) {
            return "The paper's mechanism: p_vocab of the correct choice and the mass on the incorrect choices against "
                    + "compute (mean over docs, ±2 standard errors). Benchmark accuracy depends on both, and the incorrect "
                    + "mass does not fall smoothly with scale.";
        }
        return "";
    }

    /** Mean accuracy and log-likelihood of the gold choice per checkpoint, smallest compute first. */
    static String checkpointTable(List<ScoreRow> rows) {
        Map<String, List<ScoreRow>> byCheckpoint = rows.stream().collect(Collectors.groupingBy(
                r -> r.model() + "@" + r.revision(), TreeMap::new, Collectors.toList()));
        StringBuilder md = new StringBuilder("| checkpoint | params | tokens | compute | docs | mean log p(gold) | acc | acc_norm |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        byCheckpoint.values().stream().sorted(Comparator.comparingDouble(l -> l.get(0).compute())).forEach(l -> {
            ScoreRow r = l.get(0);
            md.append(String.format(Locale.ROOT, "| %s@%s | %d | %.0f | %.3g | %d | %.3f | %.3f | %.3f |%n", r.model(),
                    r.revision(), r.params(), r.tokens(), r.compute(), l.size(),
                    l.stream().mapToDouble(ScoreRow::logPVocabCorrect).average().orElse(Double.NaN),
                    l.stream().mapToDouble(ScoreRow::acc).average().orElse(Double.NaN),
                    l.stream().mapToDouble(ScoreRow::accNorm).average().orElse(Double.NaN)));
        });
        return md.toString();
    }
}
