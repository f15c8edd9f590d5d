package org.elusive.catalog;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.elusive.core.BadInputException;

/**
 * The family registries, {@code models/*.yaml}, one family per file.
 *
 * <pre>{@code
 * Family pythia = Families.load().get("pythia");
 * List<Checkpoint> cps = pythia.checkpoints(List.of("70m", "160m"), Steps.every(10000), Family.Counts.EXACT);
 * }</pre>
 *
 * The directory is, in order: the system property {@code elusive.models}, the environment variable
 * {@code ELUSIVE_MODELS}, {@code ./models}, or the {@code models/} of the project this code was
 * built in (next to {@code target/}).
 */
public final class Families {

    public static final String DIR_PROPERTY = "elusive.models";
    public static final String DIR_ENV = "ELUSIVE_MODELS";

    private final Path dir;
    private final Map<String, Family> byName;

    private Families(Path dir, Map<String, Family> byName) {
        this.dir = dir;
        this.byName = byName;
    }

    /** Loads the registries from {@link #defaultDir()}. */
    public static Families load() {
        return load(defaultDir());
    }

    /** Loads every {@code *.yaml} / {@code *.yml} in {@code dir}; a malformed file is a BadInputException naming it and the key. */
    public static Families load(Path dir) {
        if (!Files.isDirectory(dir)) throw new BadInputException(dir + ": model registry directory does not exist");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list: " + e.getMessage());
        }
        Map<String, Family> byName = new LinkedHashMap<>();
        for (Path f : files) {
            Family fam = FamilyYaml.read(f);
            Family prev = byName.put(fam.name(), fam);
            if (prev != null) throw new BadInputException(f + ": family: " + fam.name() + " is also defined in " + prev.file());
        }
        Map<String, Path> setNames = new LinkedHashMap<>();
        for (Family fam : byName.values()) {
            for (ScalingSet s : fam.sets()) {
                Path prev = setNames.putIfAbsent(s.name(), s.file());
                if (prev != null) throw new BadInputException(s.file() + ": sets." + s.name() + ": also defined in " + prev);
            }
        }
        if (byName.isEmpty()) throw new BadInputException(dir + ": no family registries (*.yaml) found");
        return new Families(dir, byName);
    }

    public static Path defaultDir() {
        List<Path> tried = new ArrayList<>();
        String prop = System.getProperty(DIR_PROPERTY), env = System.getenv(DIR_ENV);
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        if (env != null && !env.isBlank()) return Path.of(env);
        tried.add(Path.of("models").toAbsolutePath());
        try { // target/classes or target/elusive.jar → the project's models/
            Path code = Path.of(Families.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code.getParent(); p != null && tried.size() < 4; p = p.getParent()) tried.add(p.resolve("models"));
        } catch (URISyntaxException | RuntimeException ignored) {
            // no code source (unusual class loader): only ./models is tried
        }
        return tried.stream().filter(Files::isDirectory).findFirst().orElseThrow(() -> new BadInputException(
                "no models/ registry directory found (tried " + tried + "); set -D" + DIR_PROPERTY + " or " + DIR_ENV));
    }

    public Path dir() { return dir; }

    public List<Family> all() { return List.copyOf(byName.values()); }

    /** Every scaling set of every registry, family by family in file order. */
    public List<ScalingSet> sets() {
        return byName.values().stream().flatMap(f -> f.sets().stream()).toList();
    }

    /** The scaling set of that name; unknown: BadInputException listing the sets there are. */
    public ScalingSet set(String name) {
        return sets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new BadInputException(
                "unknown scaling set '" + name + "' (sets in " + dir + ": " + String.join(", ", sets().stream().map(ScalingSet::name).toList()) + ")"));
    }

    /** The family of that name; unknown: BadInputException listing the families there are. */
    public Family get(String name) {
        Family f = byName.get(name);
        if (f == null) {
            throw new BadInputException("unknown model family '" + name + "' (families in " + dir + ": "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return f;
    }

    /** {@link #lookup(String, String, Family.Counts)} for a spec {@code org/name[@revision]} (revision defaults to main). */
    public Optional<Checkpoint> lookup(String spec, Family.Counts counts) {
        CheckpointResolver.Spec s = CheckpointResolver.Spec.parse(spec);
        return lookup(s.repo(), s.revision(), counts);
    }

    /** The registered checkpoint of an HF id and revision (e.g. for params/tokens of {@code elusive eval --model org/name@rev}). */
    public Optional<Checkpoint> lookup(String hf, String revision, Family.Counts counts) {
        for (Family f : byName.values()) {
            for (Family.Model m : f.models()) {
                if (!m.hf().equalsIgnoreCase(hf)) continue;
                for (Family.Revision r : m.revisions()) {
                    if (r.name().equals(revision)) {
                        boolean paper = counts == Family.Counts.PAPER;
                        return Optional.of(new Checkpoint(f.name(), m.hf(), r.name(), paper ? m.paperParams() : m.params(),
                                paper ? r.paperTokens() : r.tokens()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
