package org.elusive.sloth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The paper's benchmark sets (Open LLM Leaderboard v1 and v2, column names of data_v2.csv) and floors. */
public final class Benchmarks {
    public static final List<String> V1 = List.of("MMLU", "ARC", "HellaSwag", "Winogrande", "TruthfulQA", "GSM8K");
    public static final List<String> V2 = List.of("IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO");

    private Benchmarks() {}

    /** v1, v2, all (v1 then v2), or a comma-separated list of column names. */
    public static List<String> resolve(String spec) {
        return switch (spec) {
            case "v1" -> V1;
            case "v2" -> V2;
            case "all" -> {
                List<String> all = new ArrayList<>(V1);
                all.addAll(V2);
                yield all;
            }
            default -> Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        };
    }

    /**
     * Floors from the given file, else the paper's (definitions.py's lower_bounds, which its experiment
     * uses, not the lower_bounds.csv of its data folder) when it has every benchmark, else from
     * lower_bounds.csv beside the data file, else 0 (a plain sigmoid from 0 to 1).
     */
    public static double[] floors(Path floorsFile, Path dataFile, List<String> benchmarks) {
        Path f = floorsFile;
        double[] paper = PaperProtocol.paper().floors(benchmarks);
        if (f == null && paper != null) return paper;
        if (f == null) {
            Path sibling = dataFile.toAbsolutePath().resolveSibling("lower_bounds.csv");
            if (Files.isRegularFile(sibling)) f = sibling;
        }
        return f == null ? new double[benchmarks.size()] : ScalingTable.floors(f, benchmarks);
    }
}
