package org.elusive.eval;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.catalog.Families;
import org.elusive.catalog.Family;
import org.elusive.core.BadInputException;
import org.elusive.model.CausalLM;
import org.elusive.model.Transformer;

/**
 * The checkpoint identity columns of an {@code elusive eval} run. Each of family, params and tokens
 * comes from the command line if given, else from the family registries (models/*.yaml) when the
 * model is a registered {@code org/name@revision}, else: family = the model name, params = every
 * weight tensor's element count (embeddings and head included, as the registries count them),
 * tokens = NaN (so compute is NaN until a sweep supplies it; a warning says so). A registry that
 * exists but cannot be read is an error naming its file and key, never a silent fallback: wrong
 * params and tokens would flow into every row.
 */
public final class Identity {
    private Identity() {}

    /** What the command line says about the checkpoint; empty = from the registries or the weights. */
    public record Given(Optional<String> family, OptionalLong params, OptionalDouble tokens) {
        public static Given none() { return new Given(Optional.empty(), OptionalLong.empty(), OptionalDouble.empty()); }
    }

    /**
     * @param spec      the model as given: a directory or {@code org/name@revision}
     * @param dir       where it resolved to
     * @param modelsDir the family registries; null = {@link Families#defaultDir()} if there is one
     * @param log       where the warning about a checkpoint without compute goes
     */
    public static Checkpoint of(String spec, Path dir, CausalLM lm, Given given, Path modelsDir, PrintStream log) {
        String model, revision;
        boolean isDir = Files.isDirectory(Path.of(spec));
        if (isDir) {
            model = dir.getFileName().toString();
            revision = "local";
        } else {
            CheckpointResolver.Spec s = CheckpointResolver.Spec.parse(spec);
            model = s.repo();
            revision = s.revision();
        }
        Optional<Path> registries = isDir ? Optional.empty() : registries(modelsDir);
        Optional<Checkpoint> registered = registries.flatMap(r -> Families.load(r).lookup(model, revision, Family.Counts.EXACT));
        String fam = given.family().orElseGet(() -> registered.map(Checkpoint::family).orElse(model));
        long p = given.params().orElseGet(() -> registered.map(Checkpoint::params).orElseGet(() -> countParams(lm)));
        double t = given.tokens().orElseGet(() -> registered.map(Checkpoint::tokens).orElse(Double.NaN));
        if (registered.isEmpty()) {
            String where = isDir ? "a directory is not looked up in the family registries"
                    : registries.map(r -> "no entry for " + model + "@" + revision + " in the family registries " + r)
                            .orElse("no family registry directory found (./models, the project's models/, or --models-dir DIR)");
            log.println("warning: " + spec + ": " + where + (Double.isNaN(t)
                    ? "; its tokens and compute are NaN, so `correlate` refuses its rows: give --tokens, or register it"
                    + " (docs/models.md) and pass --models-dir" : "; family, params and tokens come from the flags and the weights"));
        }
        return new Checkpoint(fam, model, revision, p, t);
    }

    /** The registry directory: the one given, else {@link Families#defaultDir()} if there is one. */
    static Optional<Path> registries(Path modelsDir) {
        if (modelsDir != null) return Optional.of(modelsDir);
        try {
            return Optional.of(Families.defaultDir());
        } catch (BadInputException e) {
            return Optional.empty(); // no registry directory anywhere: identity from flags and weights only
        }
    }

    static long countParams(CausalLM lm) {
        if (!(lm instanceof Transformer t)) return 0;
        long n = 0;
        for (var a : t.parameters().values()) n += a.getShape().size();
        return n;
    }
}
