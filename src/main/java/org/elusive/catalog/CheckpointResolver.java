package org.elusive.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elusive.core.BadInputException;

/**
 * Turns a checkpoint spec into a local directory. A spec is either a directory, or a Hugging Face
 * model id with an optional revision, {@code org/name@revision} (revision defaults to {@code main}),
 * looked up in the local hub cache exactly as huggingface_hub lays it out:
 * {@code <cache>/models--org--name/refs/<revision>} holds a commit hash, and the files are in
 * {@code <cache>/models--org--name/snapshots/<hash>/}. A revision that is itself a 40-hex commit hash
 * goes straight to the snapshot. Nothing is ever downloaded: a missing checkpoint is a
 * BadInputException that gives the command to fetch it.
 *
 * <p>The cache is {@code $HF_HUB_CACHE}, else {@code $HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub},
 * else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}, as in huggingface_hub.
 */
public final class CheckpointResolver {

    /** A parsed {@code org/name@revision}. */
    public record Spec(String repo, String revision) {
        private static final Pattern FORM = Pattern.compile("([A-Za-z0-9][\\w.-]*/[\\w.-]+)(?:@(.+))?");

        /** Parses {@code org/name} or {@code org/name@revision}; anything else is a BadInputException. */
        public static Spec parse(String spec) {
            Matcher m = FORM.matcher(spec.trim());
            if (!m.matches() || (m.group(2) != null && m.group(2).isBlank())) {
                throw new BadInputException("checkpoint '" + spec + "': expected a directory or a Hugging Face id "
                        + "org/name[@revision], e.g. EleutherAI/pythia-160m@step1000");
            }
            return new Spec(m.group(1), m.group(2) == null ? "main" : m.group(2));
        }

        public String fetchCommand() {
            return "huggingface-cli download " + repo + " --revision " + revision;
        }

        @Override public String toString() { return repo + "@" + revision; }
    }

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private CheckpointResolver() {}

    /** Resolves against the cache named by the process environment. */
    public static Path resolve(String spec) {
        return resolve(spec, hubCache(System.getenv()));
    }

    /**
     * A spec naming an existing directory is returned as is; otherwise it must be {@code org/name[@rev]}
     * and present in {@code hubCache} as a snapshot directory with a {@code config.json}.
     */
    public static Path resolve(String spec, Path hubCache) {
        Path asDir = Path.of(spec);
        if (Files.isDirectory(asDir)) return asDir.toAbsolutePath().normalize();
        if (spec.startsWith("/") || spec.startsWith(".") || spec.chars().filter(c -> c == '/').count() > 1) {
            throw new BadInputException("checkpoint directory " + spec + " does not exist");
        }
        return resolve(Spec.parse(spec), hubCache);
    }

    public static Path resolve(Spec spec, Path hubCache) {
        Path repoDir = hubCache.resolve("models--" + spec.repo().replace("/", "--"));
        String commit;
        Path ref = repoDir.resolve("refs").resolve(spec.revision());
        if (COMMIT.matcher(spec.revision()).matches()) {
            commit = spec.revision();
        } else if (Files.isRegularFile(ref)) {
            try {
                commit = Files.readString(ref).trim();
            } catch (IOException e) {
                throw new BadInputException(ref + ": cannot read: " + e.getMessage());
            }
            if (!COMMIT.matcher(commit).matches()) {
                throw new BadInputException(ref + ": expected a 40-hex commit hash, found '" + commit + "'");
            }
        } else {
            throw missing(spec, hubCache, ref);
        }
        Path snapshot = repoDir.resolve("snapshots").resolve(commit);
        if (!Files.isRegularFile(snapshot.resolve("config.json"))) throw missing(spec, hubCache, snapshot.resolve("config.json"));
        return snapshot;
    }

    /** Where huggingface_hub keeps downloaded repos, from environment variables (see the class comment). */
    public static Path hubCache(Map<String, String> env) {
        for (String var : new String[] {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"}) {
            if (isSet(env, var)) return Path.of(expandHome(env.get(var)));
        }
        if (isSet(env, "HF_HOME")) return Path.of(expandHome(env.get("HF_HOME")), "hub");
        if (isSet(env, "XDG_CACHE_HOME")) return Path.of(expandHome(env.get("XDG_CACHE_HOME")), "huggingface", "hub");
        return Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
    }

    private static boolean isSet(Map<String, String> env, String var) {
        return env.get(var) != null && !env.get(var).isBlank();
    }

    private static String expandHome(String p) {
        return p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
    }

    private static BadInputException missing(Spec spec, Path hubCache, Path lookedFor) {
        return new BadInputException("checkpoint " + spec + " is not in the local Hugging Face cache " + hubCache
                + " (looked for " + lookedFor + "); fetch it on a machine with network access: " + spec.fetchCommand()
                + " (it downloads into $HF_HOME/hub; set HF_HOME or HF_HUB_CACHE to choose the cache)");
    }
}
