package org.elusive.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.elusive.core.BadInputException;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.Tables;

/**
 * Reads choices or scores tables into one {@link Panel} per (scaling set, benchmark). Choices are
 * streamed without their token lists and kept as one array of log-likelihoods per (checkpoint, doc),
 * about 8 bytes a choice. Checkpoints with compute 0 (a step0) have no log compute and are left out,
 * as in the correlations.
 */
public final class Panels {
    private Panels() {}

    private record Key(String set, String task) {}

    /** Per checkpoint: its compute and, per doc id, the choices' log-likelihoods (NaN until seen) and gold. */
    private static final class Ck {
        final Panel.Checkpoint checkpoint;
        final Map<Long, double[]> ll = new HashMap<>();
        final Map<Long, Integer> gold = new HashMap<>();
        final Map<Long, double[]> scores = new HashMap<>(); // acc, brier, p_choices_correct, n_choices (scores tables)
        Ck(Panel.Checkpoint c) { checkpoint = c; }

        /** The doc ids this checkpoint has. */
        java.util.Set<Long> docs(boolean choices) { return choices ? ll.keySet() : scores.keySet(); }

        int nChoices(long doc, boolean choices) { return choices ? ll.get(doc).length : (int) scores.get(doc)[3]; }
    }

    /**
     * The files of {@code path}: itself, or under a directory (a sweep's {@code choices/}) every
     * {@code .parquet} that is a unit's choices (not its {@code .scores.parquet} cache nor a part).
     */
    public static List<Path> choiceFiles(Path path) {
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> s = Files.walk(path)) {
            List<Path> out = s.filter(p -> p.toString().endsWith(".parquet") && !p.toString().endsWith(".scores.parquet")
                    && !p.toString().contains(".parts")).sorted().toList();
            if (out.isEmpty()) throw new BadInputException(path + ": no choices tables (*.parquet) under this directory");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot list", e);
        }
    }

    /** Panels of the choices tables in {@code files}, one per (set, task) of {@code sets}. */
    public static List<Panel> fromChoices(List<Path> files, ScalingSets sets) {
        Map<Key, Map<String, Ck>> groups = new TreeMap<>(Comparator.comparing(Key::set).thenComparing(Key::task));
        for (Path file : files) {
            Tables.forEachChoice(file, false, r -> {
                if (!(r.compute() > 0)) return;
                for (String set : sets.of(r.family(), r.model(), r.revision())) {
                    add(checkpoint(groups, set, r.task(), r.model(), r.revision(), r.compute(), file), r, file);
                }
            });
        }
        return build(groups, sets, files, true);
    }

    /** Panels of a scores table: observed scores only, so only the aggregate methods can run. */
    public static List<Panel> fromScores(Path file, ScalingSets sets) {
        Map<Key, Map<String, Ck>> groups = new TreeMap<>(Comparator.comparing(Key::set).thenComparing(Key::task));
        Tables.forEachScore(file, r -> {
            if (!(r.compute() > 0)) return;
            for (String set : sets.of(r.family(), r.model(), r.revision())) {
                Ck ck = checkpoint(groups, set, r.task(), r.model(), r.revision(), r.compute(), file);
                if (ck.scores.put(r.docId(), new double[] {r.acc(), r.brier(), r.pChoicesCorrect(), r.nChoices()}) != null) {
                    throw new BadInputException(file + ": " + ck.checkpoint.label() + " task " + r.task() + " doc " + r.docId() + " twice");
                }
                ck.gold.put(r.docId(), r.goldIndex());
            }
        });
        return build(groups, sets, List.of(file), false);
    }

    private static Ck checkpoint(Map<Key, Map<String, Ck>> groups, String set, String task, String model,
                                 String revision, double compute, Path file) {
        Map<String, Ck> cks = groups.computeIfAbsent(new Key(set, task), k -> new LinkedHashMap<>());
        Ck ck = cks.computeIfAbsent(model + "@" + revision, k -> new Ck(new Panel.Checkpoint(model, revision, compute)));
        if (Double.compare(ck.checkpoint.compute(), compute) != 0) {
            throw new BadInputException(file + ": checkpoint " + ck.checkpoint.label() + " has two compute values ("
                    + ck.checkpoint.compute() + " and " + compute + ")");
        }
        return ck;
    }

    private static void add(Ck ck, ChoiceRow r, Path file) {
        double[] ll = ck.ll.get(r.docId());
        if (ll == null || ll.length <= r.choice()) {
            double[] grown = new double[r.choice() + 1];
            Arrays.fill(grown, Double.NaN);
            if (ll != null) System.arraycopy(ll, 0, grown, 0, ll.length);
            ck.ll.put(r.docId(), ll = grown);
        }
        if (r.choice() < 0 || !Double.isNaN(ll[r.choice()])) {
            throw new BadInputException(file + ": " + ck.checkpoint.label() + " task " + r.task() + " doc " + r.docId()
                    + " choice " + r.choice() + ": negative or repeated choice index");
        }
        if (!Double.isFinite(r.logprob())) {
            throw new BadInputException(file + ": " + ck.checkpoint.label() + " task " + r.task() + " doc " + r.docId()
                    + " choice " + r.choice() + ": logprob " + r.logprob() + " (a law needs finite log-likelihoods)");
        }
        ll[r.choice()] = r.logprob();
        if (r.gold() && ck.gold.put(r.docId(), r.choice()) != null) {
            throw new BadInputException(file + ": " + ck.checkpoint.label() + " task " + r.task() + " doc " + r.docId()
                    + ": two gold choices");
        }
    }

    private static List<Panel> build(Map<Key, Map<String, Ck>> groups, ScalingSets sets, List<Path> files, boolean choices) {
        if (groups.isEmpty()) {
            throw new BadInputException(files.get(0) + (files.size() > 1 ? " (and " + (files.size() - 1) + " more)" : "")
                    + ": no rows with compute > 0" + sets.describe());
        }
        List<Panel> out = new ArrayList<>();
        groups.forEach((key, cks) -> out.add(panel(key, new ArrayList<>(cks.values()), choices)));
        return out;
    }

    private static Panel panel(Key key, List<Ck> cks, boolean choices) {
        cks.sort(Comparator.comparingDouble((Ck c) -> c.checkpoint.compute()).thenComparing(c -> c.checkpoint.label()));
        long[] docs = cks.get(0).docs(choices).stream().filter(d -> cks.stream().allMatch(c -> c.docs(choices).contains(d)))
                .mapToLong(Long::longValue).sorted().toArray();
        if (docs.length == 0) throw new BadInputException(key.set() + "/" + key.task() + ": no doc is shared by every checkpoint");
        int n = cks.size();
        int[] nChoices = new int[docs.length], gold = new int[docs.length];
        double[][][] ll = choices ? new double[n][docs.length][] : null;
        double[][] acc = new double[n][docs.length], brier = new double[n][docs.length], p = new double[n][docs.length];
        for (int d = 0; d < docs.length; d++) {
            Ck first = cks.get(0);
            nChoices[d] = first.nChoices(docs[d], choices);
            Integer g = first.gold.get(docs[d]);
            gold[d] = g == null ? -1 : g;
            for (int j = 0; j < n; j++) {
                Ck ck = cks.get(j);
                if (ck.nChoices(docs[d], choices) != nChoices[d] || !Integer.valueOf(gold[d]).equals(ck.gold.get(docs[d])) || gold[d] < 0) {
                    throw new BadInputException(key.set() + "/" + key.task() + " doc " + docs[d] + ": checkpoints "
                            + first.checkpoint.label() + " and " + ck.checkpoint.label()
                            + " differ in its choices or gold (or it has no gold choice)");
                }
                double[] s;
                if (choices) {
                    double[] v = ck.ll.get(docs[d]);
                    for (double x : v) if (Double.isNaN(x)) throw new BadInputException(key.set() + "/" + key.task() + " doc "
                            + docs[d] + " of " + ck.checkpoint.label() + ": choice indices are not 0.." + (v.length - 1));
                    ll[j][d] = v;
                    DocOutcome o = DocOutcome.of(v, gold[d]);
                    s = new double[] {o.acc() ? 1 : 0, o.brier(), o.pCorrect()};
                } else {
                    s = ck.scores.get(docs[d]);
                }
                acc[j][d] = s[0];
                brier[j][d] = s[1];
                p[j][d] = s[2];
            }
        }
        List<Panel.Checkpoint> checkpoints = cks.stream().map(c -> c.checkpoint).toList();
        return new Panel(key.set(), key.task(), checkpoints, docs, nChoices, gold, ll, acc, brier, p);
    }
}
