package org.elusive.sloth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The paper's prediction experiment (felipemaiapolo/sloth {@code experiment.py}): for each held-out
 * group of families, the (minModels − 1) smallest models of every family in the group stay in
 * training, the rest of the group is predicted from a fit on everything else, by every method asked
 * for ({@link Method}; the paper runs all 28). Groups ({@link Holdout}): the paper's own list
 * (definitions.py, the default), every family (Family2) on its own, or every family of a base family
 * (Family) together. With minModels = 3, ln FLOPs becomes ln FLOPs × family one-hot (family slopes)
 * in the logF laws and PCA, as the paper's code does.
 */
public final class Backtest {

    /** What is held out together: the paper's groups, one family (Family2) at a time, or every family of a base family. */
    public enum Holdout { PAPER, FAMILY, BASE }

    /** {@code selectModels}: experiment.py's {@code --select_models} (drop the families {@link PaperProtocol#deletedFamilies} names). */
    public record Config(List<String> benchmarks, int minModels, List<Method> methods, double[] floors,
                         SlothTrainer.Options options, Holdout holdout, boolean selectModels, int threads) {}

    /** One prediction; {@code group} indexes {@link Result#groups}. */
    public record Prediction(String method, int group, String family, String model, String benchmark, double predicted, double actual) {
        public double absError() { return Math.abs(predicted - actual); }
    }

    /**
     * The paper's summary of one method on one benchmark ("all" pools the benchmarks): the MAE over
     * every prediction, and averaged per held-out group, then over groups.
     */
    public record Summary(String method, String benchmark, double maePooled, double maeFamilyAvg, int groups, int predictions) {}

    public record Result(Design design, List<List<String>> groups, List<Prediction> predictions, List<Summary> summary) {}

    /** Told whenever a method's fits are done. */
    public interface Listener {
        void done(String method, int done, int total);

        Listener SILENT = (m, d, t) -> {};
    }

    private Backtest() {}

    public static Result run(ScalingTable table, Config cfg) { return run(table, cfg, Listener.SILENT); }

    public static Result run(ScalingTable table, Config cfg, Listener listener) {
        Set<String> deleted = cfg.selectModels() ? PaperProtocol.deletedFamilies(table) : Set.of();
        Design ds = Design.of(table.without(deleted), cfg.benchmarks(), cfg.minModels());
        List<List<String>> groups = cfg.holdout() == Holdout.PAPER
                ? present(ds, PaperProtocol.withoutDeleted(PaperProtocol.paper().groups(cfg.benchmarks(), cfg.minModels()), deleted))
                : heldOutGroups(ds, cfg.holdout());
        Split split = Split.of(ds, groups, cfg.minModels() - 1);
        Map<String, List<double[][]>> byMethod = new HashMap<>();
        ForkJoinPool pool = new ForkJoinPool(cfg.threads());
        try {
            predictAll(pool, byMethod, ds, split, cfg, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        List<Prediction> preds = new ArrayList<>();
        for (Method m : cfg.methods()) collect(preds, m.name(), ds, split.tests(), byMethod.get(m.name()));
        return new Result(ds, groups, preds, summarize(preds, cfg.benchmarks()));
    }

    /** Per held-out group, the rows it trains on and the rows it predicts. */
    record Split(boolean[][] train, List<int[]> tests) {
        static Split of(Design ds, List<List<String>> groups, int keep) {
            int n = ds.size();
            boolean[][] train = new boolean[groups.size()][n];
            List<int[]> tests = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                List<Integer> test = new ArrayList<>();
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String fam = ds.rows().get(i).family();
                    boolean heldOut = groups.get(g).contains(fam);
                    int rank = seen.merge(fam, 1, Integer::sum);
                    // rows are sorted by size within a family, so the first `keep` are the smallest
                    train[g][i] = !heldOut || rank <= keep;
                    if (!train[g][i]) test.add(i);
                }
                tests.add(test.stream().mapToInt(Integer::intValue).toArray());
            }
            return new Split(train, tests);
        }
    }

    /**
     * Every method's predictions per group, one pool task per sigmoid stage and the trainable-link
     * stage chained to it (it waits only for its own sigmoid stage), and one per PCA method. The pool
     * takes its tasks in the order given, so the chains with a trainable-link stage (each costs about
     * ten sigmoid stages) go first: a long one started last would run alone at the end.
     */
    private static void predictAll(ForkJoinPool pool, Map<String, List<double[][]>> out, Design ds, Split split, Config cfg,
                                   Listener listener) throws InterruptedException, ExecutionException {
        Map<String, List<Method>> chains = new LinkedHashMap<>();
        for (Method m : cfg.methods())
            if (m.features() != Method.Features.PCA) chains.computeIfAbsent(m.sigmoidStage().name(), k -> new ArrayList<>()).add(m);
        AtomicInteger done = new AtomicInteger();
        int total = cfg.methods().size();
        Map<String, List<double[][]>> found = Collections.synchronizedMap(out);
        List<Runnable> jobs = new ArrayList<>();
        chains.values().stream().sorted(Comparator.comparing(wanted -> wanted.stream().noneMatch(Method::trainLink)))
                .forEach(wanted -> jobs.add(() -> MethodFits.chain(ds, split, wanted, cfg, (name, preds) -> {
                    found.put(name, preds);
                    listener.done(name, done.incrementAndGet(), total);
                })));
        for (Method m : cfg.methods())
            if (m.features() == Method.Features.PCA) jobs.add(() -> {
                found.put(m.name(), MethodFits.pca(ds, split, m, cfg.minModels()));
                listener.done(m.name(), done.incrementAndGet(), total);
            });
        List<Future<?>> running = new ArrayList<>();
        for (Runnable job : jobs) running.add(pool.submit(job));
        for (Future<?> f : running) f.get();
    }

    /** The groups' families that the design kept; groups left empty are dropped. */
    private static List<List<String>> present(Design ds, List<List<String>> groups) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : groups) {
            List<String> kept = g.stream().filter(ds.families()::contains).toList();
            if (!kept.isEmpty()) out.add(kept);
        }
        return out;
    }

    /** Held-out groups in sorted order: single families, or the families (Family2) of each base family. */
    public static List<List<String>> heldOutGroups(Design ds, Holdout holdout) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ScalingTable.Row r : ds.rows()) {
            String key = holdout == Holdout.BASE ? r.baseFamily() : r.family();
            List<String> g = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (!g.contains(r.family())) g.add(r.family());
        }
        byKey.values().forEach(Collections::sort);
        return new ArrayList<>(byKey.values());
    }

    private static void collect(List<Prediction> out, String method, Design ds, List<int[]> tests, List<double[][]> yhats) {
        for (int g = 0; g < tests.size(); g++) {
            int[] idx = tests.get(g);
            for (int t = 0; t < idx.length; t++) {
                ScalingTable.Row r = ds.rows().get(idx[t]);
                for (int j = 0; j < ds.benchmarks().size(); j++)
                    out.add(new Prediction(method, g, r.family(), r.model(), ds.benchmarks().get(j), yhats.get(g)[t][j], ds.y()[idx[t]][j]));
            }
        }
    }

    public static List<Summary> summarize(List<Prediction> preds, List<String> benchmarks) {
        List<String> methods = preds.stream().map(Prediction::method).distinct().toList();
        List<String> scopes = new ArrayList<>();
        scopes.add("all");
        scopes.addAll(benchmarks);
        List<Summary> out = new ArrayList<>();
        for (String m : methods)
            for (String scope : scopes) {
                Map<Integer, double[]> perGroup = new TreeMap<>(); // sum, count
                double sum = 0;
                int count = 0;
                for (Prediction p : preds) {
                    if (!p.method().equals(m) || !(scope.equals("all") || scope.equals(p.benchmark()))) continue;
                    double[] acc = perGroup.computeIfAbsent(p.group(), k -> new double[2]);
                    acc[0] += p.absError();
                    acc[1]++;
                    sum += p.absError();
                    count++;
                }
                double avg = perGroup.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElse(Double.NaN);
                out.add(new Summary(m, scope, sum / count, avg, perGroup.size(), count));
            }
        return out;
    }
}
