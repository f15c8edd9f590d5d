package org.elusive.sloth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.elusive.core.BadInputException;

/**
 * The paper's experiment as its {@code definitions.py} fixes it (a copy in resources/sloth/
 * paper_protocol.json): the benchmark sets, the 28 method names, the held-out groups of families
 * per benchmark set and min_models, and the random-guess floors. {@link #deletedFamilies} is
 * experiment.py's {@code --select_models} rule.
 */
public record PaperProtocol(Map<String, List<String>> benchmarkSets, List<String> methods,
                            Map<String, Map<String, List<List<String>>>> testFamilies, Map<String, Double> lowerBounds) {

    private static final PaperProtocol PAPER = load();

    public static PaperProtocol paper() { return PAPER; }

    private static PaperProtocol load() {
        try (InputStream in = PaperProtocol.class.getResourceAsStream("/sloth/paper_protocol.json")) {
            Map<String, Object> raw = new ObjectMapper().readValue(in, new TypeReference<>() {});
            ObjectMapper m = new ObjectMapper();
            return new PaperProtocol(m.convertValue(raw.get("benchmark_sets"), new TypeReference<>() {}),
                    m.convertValue(raw.get("methods"), new TypeReference<>() {}),
                    m.convertValue(raw.get("test_families"), new TypeReference<>() {}),
                    m.convertValue(raw.get("lower_bounds"), new TypeReference<>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of a benchmark set (v1, v2, all) whose benchmarks are exactly {@code benchmarks}, or null. */
    public String setOf(List<String> benchmarks) {
        for (var e : benchmarkSets.entrySet()) if (e.getValue().equals(benchmarks)) return e.getKey();
        return null;
    }

    /** The held-out groups of {@code set} at {@code minModels}; the paper defines them for v1, v2, all at 2 and 3. */
    public List<List<String>> groups(List<String> benchmarks, int minModels) {
        String set = setOf(benchmarks);
        Map<String, List<List<String>>> bySet = testFamilies.get("min_models_" + minModels);
        if (set == null || bySet == null)
            throw new BadInputException("--holdout paper: the paper's held-out groups exist for --benchmarks v1, v2 or all and "
                    + "--min-models 2 or 3, not " + benchmarks + " at " + minModels + " (use --holdout family or base)");
        return bySet.get(set);
    }

    /** The paper's floors of {@code benchmarks}, or null when it has none for one of them. */
    public double[] floors(List<String> benchmarks) {
        double[] out = new double[benchmarks.size()];
        for (int j = 0; j < out.length; j++) {
            Double v = lowerBounds.get(benchmarks.get(j));
            if (v == null) return null;
            out[j] = v;
        }
        return out;
    }

    /**
     * experiment.py's {@code --select_models}: the families (Family2) of every base family (Family)
     * whose largest model (by params; a model without params counts as largest, as pandas sorts NaN
     * last; among equals the later row) scores MMLU below 0.35 or MMLU-PRO below 0.15 (a missing score
     * passes, as NaN comparisons are false in the paper's code).
     */
    public static Set<String> deletedFamilies(ScalingTable table) {
        Map<String, ScalingTable.Row> largest = new HashMap<>();
        for (ScalingTable.Row r : table.rows())
            largest.merge(r.baseFamily(), r, (a, b) -> larger(b, a) ? b : a);
        Set<String> bad = new TreeSet<>();
        for (ScalingTable.Row r : largest.values())
            if (r.value("MMLU") < 0.35 || r.value("MMLU-PRO") < 0.15) bad.add(r.baseFamily());
        Set<String> out = new TreeSet<>();
        for (ScalingTable.Row r : table.rows()) if (bad.contains(r.baseFamily())) out.add(r.family());
        return out;
    }

    /** Whether b sorts at or after a by params (NaN last); b is the later row, so it wins ties. */
    private static boolean larger(ScalingTable.Row b, ScalingTable.Row a) {
        if (Double.isNaN(b.params())) return true;
        if (Double.isNaN(a.params())) return false;
        return b.params() >= a.params();
    }

    /** The groups with no deleted family, as experiment.py filters its test groups. */
    public static List<List<String>> withoutDeleted(List<List<String>> groups, Set<String> deleted) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : groups) if (g.stream().noneMatch(deleted::contains)) out.add(g);
        return out;
    }
}
