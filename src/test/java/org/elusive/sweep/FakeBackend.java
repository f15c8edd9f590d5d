package org.elusive.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.elusive.catalog.Checkpoint;
import org.elusive.rows.ChoiceRow;

/**
 * A model-free backend for testing the sweep machinery: the registry's family "fake" (sizes 1m, 2m,
 * 3m, 9m; steps 0, 1000, 2000, 4000); size 9m is "not downloaded"; task "broken" fails at request 7.
 * Rows are a pure function of (checkpoint, task, doc, choice), so runs are comparable bit for bit.
 * With --data-dir, a file {@code <task>.version} there enters the task fingerprint (to test reruns).
 */
public final class FakeBackend implements SweepBackend {
    /** The test family registry (src/test/resources/sweep/models), used when --models-dir is absent. */
    static Path modelsDir() {
        try {
            return Path.of(FakeBackend.class.getResource("/sweep/models/fake.yaml").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public List<Checkpoint> checkpoints(SweepArgs a) {
        return new ModelBackend().checkpoints(a.checkpoints().modelsDir() != null ? a : a.withModelsDir(modelsDir()));
    }

    @Override public List<String> tasks(SweepArgs args) { return args.tasks(); }

    @Override public UnitRunner runner(SweepArgs args) { return new Runner(args); }

    @Override public Aggregator aggregator(SweepArgs args) { return new EngineAggregator(); }

    static final class Runner implements UnitRunner {
        private final SweepArgs args;

        Runner(SweepArgs args) { this.args = args; }

        @Override public Fingerprint fingerprint(Unit u) throws Exception {
            Checkpoint c = u.checkpoint();
            if (c.model().endsWith("-9m")) {
                throw new MissingCheckpointException("checkpoint " + c.spec() + " is not in the HF cache; fetch it with: "
                        + "huggingface-cli download " + c.model() + " --revision " + c.revision(), null);
            }
            String version = "1";
            Path data = args.source().dataDir();
            if (data != null && Files.exists(data.resolve(u.task() + ".version")))
                version = Files.readString(data.resolve(u.task() + ".version")).trim();
            return new Fingerprint(Map.of("task", u.task() + "#" + version, "checkpoint", c.spec(),
                    "options", "limit=" + args.source().selection().limit()));
        }

        @Override public Prepared prepare(Unit u) {
            int n = args.source().selection().limit().of(23);
            return new Prepared() {
                @Override public int size() { return n; }

                @Override public List<ChoiceRow> score(int from, int to) {
                    if (u.task().equals("broken") && from <= 7 && 7 < to) throw new IllegalStateException("doc 7 is broken");
                    List<ChoiceRow> rows = new ArrayList<>();
                    for (int doc = from; doc < to; doc++) rows.addAll(rows(u, doc));
                    return rows;
                }
            };
        }
    }

    /** 4 choices (2 for task "b"); the gold's log-prob improves with compute, with per-doc noise. */
    static List<ChoiceRow> rows(Unit u, int doc) {
        Checkpoint c = u.checkpoint();
        int k = u.task().equals("b") ? 2 : 4;
        int gold = Math.floorMod((u.task() + doc).hashCode(), k);
        SplittableRandom rnd = new SplittableRandom((c.spec() + "|" + u.task() + "|" + doc).hashCode());
        double skill = Math.log10(c.compute()) / 20.0;
        List<ChoiceRow> rows = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int nTokens = 1 + rnd.nextInt(4);
            float[] tlp = new float[nTokens];
            double sum = 0;
            for (int t = 0; t < nTokens; t++) {
                // a log-probability is at most 0 (the store rejects others): clamp the skill bonus
                tlp[t] = (float) Math.min(0, -rnd.nextDouble() * 3 + (i == gold ? skill : 0));
                sum += tlp[t];
            }
            rows.add(new ChoiceRow(c.family(), c.model(), c.revision(), c.params(), c.tokens(), c.compute(), u.task(),
                    doc, i, i == gold, sum, nTokens, 3 * nTokens, 3 * nTokens, rnd.nextBoolean(), tlp));
        }
        return rows;
    }
}
