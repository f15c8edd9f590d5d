package org.elusive.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.core.BadInputException;
import org.elusive.store.Documents;

/**
 * Where task documents come from (docs/lm-eval.md, "Datasets"), tried in this order:
 * <ol>
 * <li>the data root ({@code --data-dir}), {@code <root>/<org>/<name>/}: either elusive's own
 *     {@code <config>/<split>.{jsonl,parquet,csv}} or the dataset repository's tree as
 *     {@code huggingface-cli download --repo-type dataset <org>/<name> --local-dir <root>/<org>/<name>}
 *     leaves it ({@link DatasetRepo}; its revision is the commit the download recorded, else "local");</li>
 * <li>a task whose {@code dataset_path} is itself a directory: that repository tree;</li>
 * <li>the Hugging Face hub cache ({@link CheckpointResolver#hubCache}: {@code $HF_HUB_CACHE}, else
 *     {@code $HF_HOME/hub}, ...), as {@code datasets} reads it offline:
 *     {@code datasets--<org>--<name>/refs/<revision>} names the commit whose
 *     {@code snapshots/<commit>/} is read, the revision being the task's
 *     {@code dataset_kwargs.revision}, else {@code main}; a 40-hex revision is the commit itself.
 *     Other snapshots in the cache are never read: a stale one scored silently would look like a
 *     result.</li>
 * </ol>
 * A split without documents is an error: a task scored on none would report nothing as a result.
 * Loaded splits and their fingerprints are cached per instance.
 */
public final class Datasets {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final Path root;
    private final Path hubCache;
    private final Map<String, List<Map<String, Object>>> cache = new ConcurrentHashMap<>();
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();

    /** Where a split's documents were found: the files and the dataset revision they belong to. */
    public record Located(List<Path> files, String revision) {}

    /**
     * @param root     the data root, or null
     * @param hubCache the HF hub cache, or null to skip it
     */
    public Datasets(Path root, Path hubCache) {
        this.root = root;
        this.hubCache = hubCache;
    }

    /** A data root (or null) plus the HF hub cache named by the environment. */
    public static Datasets of(Path root) { return new Datasets(root, CheckpointResolver.hubCache(System.getenv())); }

    /** The docs of a split at the {@code main} revision. */
    public List<Map<String, Object>> load(String datasetPath, String config, String split) {
        return load(datasetPath, config, null, split);
    }

    /** The docs of a split, in file order; BadInputException listing every place tried when none has it. */
    public List<Map<String, Object>> load(String datasetPath, String config, String revision, String split) {
        return cache.computeIfAbsent(key(datasetPath, config, revision, split), k -> {
            Located at = locate(datasetPath, config, revision, split);
            List<Map<String, Object>> docs = new ArrayList<>();
            at.files().forEach(f -> docs.addAll(Documents.read(f)));
            if (docs.isEmpty()) {
                throw new BadInputException((at.files().size() == 1 ? at.files().get(0).toString() : at.files().toString())
                        + ": no documents (an empty split)");
            }
            return docs;
        });
    }

    /**
     * What a split's documents are, for a sweep's fingerprint: the revision and a SHA-256 over every
     * file's name and full content (a re-downloaded or edited split changes it).
     */
    public String fingerprint(String datasetPath, String config, String revision, String split) {
        return fingerprints.computeIfAbsent(key(datasetPath, config, revision, split), k -> {
            Located at = locate(datasetPath, config, revision, split);
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (Path f : at.files()) {
                    sha.update((f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
                return "rev=" + at.revision() + ";sha256=" + HexFormat.of().formatHex(sha.digest());
            } catch (IOException e) {
                throw new BadInputException(at.files() + ": cannot read: " + e.getMessage());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String key(String datasetPath, String config, String revision, String split) {
        return datasetPath + "\u0000" + config + "\u0000" + revision + "\u0000" + split;
    }

    /** The split's files, by the order of the class comment. */
    public Located locate(String datasetPath, String config, String revision, String split) {
        String cfg = config == null ? "default" : config;
        List<String> tried = new ArrayList<>();
        if (root != null) {
            DatasetRepo repo = new DatasetRepo(root.resolve(datasetPath));
            List<Path> files = repo.files(cfg, split);
            if (!files.isEmpty()) return new Located(files, repo.localRevision(files.get(0)));
            tried.add(root.resolve(datasetPath) + "/" + cfg + "/" + split + ".*");
        }
        Path asDir = Path.of(datasetPath);
        if (asDir.isAbsolute() && Files.isDirectory(asDir)) {
            DatasetRepo repo = new DatasetRepo(asDir);
            List<Path> files = repo.files(cfg, split);
            if (!files.isEmpty()) return new Located(files, repo.localRevision(files.get(0)));
            tried.add(asDir + " (no " + cfg + "/" + split + " files)");
        }
        if (hubCache != null) {
            Path repo = hubCache.resolve("datasets--" + datasetPath.replace("/", "--"));
            if (Files.isDirectory(repo)) {
                String commit = commit(repo, revision == null ? "main" : revision);
                List<Path> files = new DatasetRepo(repo.resolve("snapshots").resolve(commit)).files(cfg, split);
                if (!files.isEmpty()) return new Located(files, commit);
                tried.add(repo.resolve("snapshots").resolve(commit) + " (no " + cfg + "/" + split + " files)");
            } else {
                tried.add(repo.toString());
            }
        }
        throw new BadInputException("dataset " + datasetPath + " (config " + cfg + ", split " + split
                + (revision == null ? "" : ", revision " + revision) + ") not found; tried " + tried
                + (root == null ? " (no --data-dir given)" : "") + "; fetch it with: huggingface-cli download --repo-type dataset "
                + datasetPath + (revision == null ? "" : " --revision " + revision));
    }

    /** The commit a revision names in a hub-cache repository: refs/&lt;revision&gt;, or the revision itself if it is a commit. */
    private static String commit(Path repo, String revision) {
        if (COMMIT.matcher(revision).matches()) return revision;
        Path ref = repo.resolve("refs").resolve(revision);
        if (!Files.isRegularFile(ref)) {
            throw new BadInputException(ref + ": missing, so revision '" + revision + "' of " + repo.getFileName()
                    + " is not in the cache (snapshots present: " + list(repo.resolve("snapshots")) + ")");
        }
        try {
            String commit = Files.readString(ref).strip();
            if (!COMMIT.matcher(commit).matches()) throw new BadInputException(ref + ": expected a 40-hex commit hash, found '" + commit + "'");
            return commit;
        } catch (IOException e) {
            throw new BadInputException(ref + ": cannot read: " + e.getMessage());
        }
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Reads one .jsonl, .parquet or .csv file into docs. */
    public static List<Map<String, Object>> readFile(Path f) { return Documents.read(f); }
}
