package org.elusive.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.elusive.core.BadInputException;

/**
 * The files of one config and split in a dataset repository as it sits on disk: a hub-cache snapshot
 * ({@code snapshots/<sha>/}) or a {@code huggingface-cli download --local-dir} folder, both the
 * repository's own tree. As {@code datasets} resolves them offline: first the dataset card's
 * {@code configs:} (README.md front matter: {@code config_name}, {@code data_dir}, {@code data_files}
 * as a pattern, a list, or a list of {@code split}/{@code path}), then the conventional layouts
 * {@code <config>/<split>.<ext>}, {@code <config>/<split>-*.<ext>}, {@code <config>/<split>/*.<ext>}
 * and, for the default config, {@code data/<split>-*.<ext>}, {@code data/<split>.<ext>},
 * {@code <split>-*.<ext>} and {@code <split>.<ext>}. Files of a split are read in name order, as
 * {@code datasets} concatenates shards.
 */
final class DatasetRepo {
    /** In this order: a split kept as .jsonl and .parquet is read from the .jsonl, as before the hub layouts. */
    private static final List<String> EXTENSIONS = List.of("jsonl", "parquet", "json", "csv");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path dir;
    private List<Path> listing;

    DatasetRepo(Path dir) { this.dir = dir; }

    /** The split's files, in name order; empty when the repository has none for it. */
    List<Path> files(String config, String split) {
        Optional<Map<?, ?>> card = cardConfig(config);
        if (card.isPresent()) return fromCard(card.get(), split);
        List<String> shapes = new ArrayList<>(List.of(config + "/" + split + ".", config + "/" + split + "-*.", config + "/" + split + "/*."));
        if (config.equals("default")) shapes.addAll(List.of("data/" + split + "-*.", "data/" + split + ".", split + "-*.", split + "."));
        // one shape and one extension: a split kept as both .jsonl and .parquet is read once, from the first
        for (String shape : shapes) {
            for (String ext : EXTENSIONS) {
                List<Path> found = glob(List.of(shape + ext));
                if (!found.isEmpty()) return found;
            }
        }
        return List.of();
    }

    /**
     * The commit a {@code --local-dir} download's file came from: huggingface_hub records it on the
     * first line of {@code .cache/huggingface/download/<path>.metadata}; "local" when it is not there
     * (a tree put together by hand).
     */
    String localRevision(Path file) {
        Path meta = dir.resolve(".cache/huggingface/download").resolve(dir.relativize(file) + ".metadata");
        try {
            String first = Files.isRegularFile(meta) ? Files.readAllLines(meta).stream().findFirst().orElse("").strip() : "";
            return first.matches("[0-9a-f]{40}") ? first : "local";
        } catch (IOException e) {
            return "local";   // unreadable bookkeeping: the content hash still identifies the data
        }
    }

    /** The card's entry for {@code config}: by name, or for {@code default} the entry marked default or the only one. */
    private Optional<Map<?, ?>> cardConfig(String config) {
        List<Map<?, ?>> configs = cardConfigs();
        for (Map<?, ?> c : configs) if (config.equals(String.valueOf(c.get("config_name")))) return Optional.of(c);
        if (!config.equals("default")) return Optional.empty();
        for (Map<?, ?> c : configs) if (Boolean.TRUE.equals(c.get("default"))) return Optional.of(c);
        return configs.size() == 1 ? Optional.of(configs.get(0)) : Optional.empty();
    }

    private List<Map<?, ?>> cardConfigs() {
        Path readme = dir.resolve("README.md");
        if (!Files.isRegularFile(readme)) return List.of();
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new BadInputException(readme + ": cannot read: " + e.getMessage());
        }
        if (!text.startsWith("---")) return List.of();
        int end = text.indexOf("\n---", 3);
        if (end < 0) return List.of();
        Object front;
        try {
            front = YAML.readValue(text.substring(3, end), Object.class);
        } catch (IOException e) {
            throw new BadInputException(readme + ": front matter is not YAML: " + e.getMessage());
        }
        if (!(front instanceof Map<?, ?> m) || !(m.get("configs") instanceof List<?> list)) return List.of();
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object c : list) if (c instanceof Map<?, ?> cm) out.add(cm);
        return out;
    }

    /** A card entry's patterns for {@code split}: {@code data_files} with no split name are all "train", as in datasets. */
    private List<Path> fromCard(Map<?, ?> config, String split) {
        String prefix = config.get("data_dir") == null ? "" : config.get("data_dir") + "/";
        Object files = config.get("data_files");
        List<String> patterns = new ArrayList<>();
        if (files == null) return new DatasetRepo(dir.resolve(prefix)).files("default", split);
        if (files instanceof String || files instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String) {
            if (split.equals("train")) patterns.addAll(strings(files));
        } else if (files instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> m && split.equals(String.valueOf(m.get("split")))) patterns.addAll(strings(m.get("path")));
            }
        } else if (files instanceof Map<?, ?> bySplit && bySplit.get(split) != null) {
            patterns.addAll(strings(bySplit.get(split)));
        }
        return glob(patterns.stream().map(p -> prefix + p).toList());
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return v == null ? List.of() : List.of(String.valueOf(v));
    }

    /** Files of the repository whose relative path matches one of the glob patterns, in name order. */
    private List<Path> glob(List<String> patterns) {
        if (patterns.isEmpty()) return List.of();
        List<PathMatcher> matchers = patterns.stream().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        return listing().stream().filter(f -> matchers.stream().anyMatch(m -> m.matches(dir.relativize(f)))).toList();
    }

    /** Every file of the repository (hub-cache files are links to blobs: followed), in name order; listed once. */
    private List<Path> listing() {
        if (listing != null) return listing;
        if (!Files.isDirectory(dir)) return listing = List.of();
        try (Stream<Path> all = Files.walk(dir)) {
            listing = all.filter(Files::isRegularFile)
                    .filter(f -> !dir.relativize(f).startsWith(".cache"))   // a --local-dir download's own metadata
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list: " + e.getMessage());
        }
        return listing;
    }
}
