package org.elusive.sloth;

import java.util.List;
import org.elusive.core.BadInputException;

/**
 * One of the paper's prediction methods ({@code methods_names} of definitions.py), named as there:
 * {@code logF_<link>[_faminter]} and {@code logSlogT_<link>[_faminter]} (one law per benchmark, on
 * ln FLOPs or on [ln T, ln S, ln S·ln T]), {@code pca_d=<d>} and {@code factor_<link>[_faminter]_d=<d>}
 * (Sloth with d skills); link {@code sigmoid} or {@code trainlink} (the increasing link, warm-started
 * from the sigmoid fit of the same name), {@code faminter} for family intercepts.
 */
public record Method(String name, Features features, boolean trainLink, boolean familyIntercepts, int skills) {

    public enum Features { LOGF, LOGSLOGT, PCA, FACTOR }

    /** The sigmoid fit a trainable-link method starts from (itself for a sigmoid method). */
    public Method sigmoidStage() {
        return trainLink ? of(name.replace("_trainlink", "_sigmoid")) : this;
    }

    /** Per-benchmark laws: one independent law per benchmark (the log-FLOPs and log S/log T baselines). */
    public boolean perBenchmark() { return features == Features.LOGF || features == Features.LOGSLOGT; }

    /**
     * Whether the sigmoid stage fits the floors: the logF laws do (fit_C=True in experiment.py), the
     * logSlogT laws and the factor models keep them at the random-guess floors; every trainable-link
     * stage fits them.
     */
    public boolean fitsFloor() { return trainLink || features == Features.LOGF; }

    public static Method of(String name) {
        String[] parts = name.split("_");
        try {
            if (parts[0].equals("pca") && parts.length == 2) return new Method(name, Features.PCA, false, false, dim(parts[1]));
            Features f = switch (parts[0]) {
                case "logF" -> Features.LOGF;
                case "logSlogT" -> Features.LOGSLOGT;
                case "factor" -> Features.FACTOR;
                default -> throw new IllegalArgumentException();
            };
            int rest = f == Features.FACTOR ? parts.length - 1 : parts.length;
            if (rest < 2 || rest > 3 || !List.of("sigmoid", "trainlink").contains(parts[1])) throw new IllegalArgumentException();
            if (rest == 3 && !parts[2].equals("faminter")) throw new IllegalArgumentException();
            int d = f == Features.FACTOR ? dim(parts[parts.length - 1]) : 1;
            return new Method(name, f, parts[1].equals("trainlink"), rest == 3, d);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new BadInputException("--methods: unknown method '" + name + "', expected one of the paper's "
                    + PaperProtocol.paper().methods() + " (or all)");
        }
    }

    private static int dim(String s) {
        if (!s.startsWith("d=")) throw new IllegalArgumentException();
        int d = Integer.parseInt(s.substring(2));
        if (d < 1) throw new IllegalArgumentException();
        return d;
    }

    /** Method names, comma-separated; "all" is the paper's 28. */
    public static List<Method> parse(List<String> names) {
        if (names.size() == 1 && names.get(0).equals("all")) return PaperProtocol.paper().methods().stream().map(Method::of).toList();
        return names.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().map(Method::of).toList();
    }
}
