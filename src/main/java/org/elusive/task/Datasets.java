package org.elusive.task;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.elusive.core.BadInputException;
import org.elusive.store.Documents;

/**
 * Where task documents come from (docs/design.md §5.1). First a data root laid out as
 * {@code <org>/<name>/<config>/<split>.{jsonl,parquet,csv}} (config {@code default} when the task names
 * none), then, best effort, the local Hugging Face hub cache of the dataset
 * ({@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code ~/.cache/huggingface/hub}):
 * {@code datasets--org--name/snapshots/<rev>/} with {@code <config>/<split>-*.parquet} or, for the
 * default config, {@code data/<split>-*.parquet} (jsonl likewise), read by {@link Documents}. A split
 * without documents is an error: a task scored on none would report nothing as a result. Loaded
 * splits are cached per instance.
 */
public final class Datasets {
    private static final List<String> EXTENSIONS = List.of("jsonl", "parquet", "csv");

    private final Path root;
    private final Path hubCache;
    private final Map<String, List<Map<String, Object>>> cache = new ConcurrentHashMap<>();

    public Datasets(Path root, Path hubCache) {
        this.root = root;
        this.hubCache = hubCache;
    }

    /** A data root plus the HF hub cache named by the environment (if it exists). */
    public static Datasets of(Path root) { return new Datasets(root, defaultHubCache().orElse(null)); }

    public static Optional<Path> defaultHubCache() {
        String hub = System.getenv("HF_HUB_CACHE");
        Path p = hub != null ? Path.of(hub)
                : System.getenv("HF_HOME") != null ? Path.of(System.getenv("HF_HOME"), "hub")
                : Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** The docs of a split, in file order; BadInputException listing every path tried when none exists. */
    public List<Map<String, Object>> load(String datasetPath, String config, String split) {
        String cfg = config == null ? "default" : config;
        return cache.computeIfAbsent(datasetPath + "\u0000" + cfg + "\u0000" + split, k -> read(datasetPath, cfg, split));
    }

    private List<Map<String, Object>> read(String datasetPath, String cfg, String split) {
        List<Path> tried = new ArrayList<>();
        if (root != null) {
            for (String ext : EXTENSIONS) {
                Path f = root.resolve(datasetPath).resolve(cfg).resolve(split + "." + ext);
                if (Files.isRegularFile(f)) return nonEmpty(readFile(f), List.of(f));
                tried.add(f);
            }
        }
        if (hubCache != null) {
            Path snapshots = hubCache.resolve("datasets--" + datasetPath.replace("/", "--")).resolve("snapshots");
            List<Path> files = hubFiles(snapshots, cfg, split);
            if (!files.isEmpty()) {
                List<Map<String, Object>> docs = new ArrayList<>();
                files.forEach(f -> docs.addAll(readFile(f)));
                return nonEmpty(docs, files);
            }
            tried.add(snapshots.resolve("*").resolve(cfg.equals("default") ? "{data/," + cfg + "/}" : cfg + "/")
                    .resolve(split + "{-*,}.{parquet,jsonl}"));
        }
        throw new BadInputException("dataset " + datasetPath + " (config " + cfg + ", split " + split
                + ") not found; tried " + tried.stream().map(Path::toString).toList()
                + (root == null ? " (no data root given: pass --data-dir)" : ""));
    }

    private static List<Map<String, Object>> nonEmpty(List<Map<String, Object>> docs, List<Path> files) {
        if (docs.isEmpty()) {
            throw new BadInputException((files.size() == 1 ? files.get(0).toString() : files.toString())
                    + ": no documents (an empty split)");
        }
        return docs;
    }

    private static List<Path> hubFiles(Path snapshots, String cfg, String split) {
        if (!Files.isDirectory(snapshots)) return List.of();
        List<String> dirs = cfg.equals("default") ? List.of("default", "data", "") : List.of(cfg);
        try (DirectoryStream<Path> revs = Files.newDirectoryStream(snapshots)) {
            for (Path rev : revs) {
                for (String d : dirs) {
                    Path dir = d.isEmpty() ? rev : rev.resolve(d);
                    if (!Files.isDirectory(dir)) continue;
                    List<Path> found = new ArrayList<>();
                    try (DirectoryStream<Path> fs = Files.newDirectoryStream(dir, split + "{-*,}.{parquet,jsonl}")) {
                        fs.forEach(found::add);
                    }
                    if (!found.isEmpty()) {
                        found.sort(null);
                        return found;
                    }
                }
            }
        } catch (IOException e) {
            throw new BadInputException(snapshots + ": cannot list: " + e.getMessage());
        }
        return List.of();
    }

    /** Reads one .jsonl, .parquet or .csv file into docs. */
    public static List<Map<String, Object>> readFile(Path f) { return Documents.read(f); }
}
