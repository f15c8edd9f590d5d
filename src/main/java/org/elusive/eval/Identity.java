package org.elusive.eval;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elusive.model.CausalLM;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.catalog.Families;
import org.elusive.catalog.Family;
import org.elusive.model.Transformer;
import org.elusive.scoring.ScoredDoc;
import org.elusive.task.Datasets;
import org.elusive.task.TaskConfig;

/**
 * The checkpoint identity columns of an {@code elusive eval} run. Each of family, params and tokens
 * comes from the command line if given, else from the family registries (models/*.yaml) when the
 * model is a registered {@code org/name@revision}, else: family = the model name, params = every
 * weight tensor's element count (embeddings and head included, as the registries count them),
 * tokens = NaN (so compute is NaN until a sweep supplies it).
 */
public final class Identity {
    private Identity() {}

    public static Checkpoint of(String spec, Path dir, CausalLM lm, String family, Long params, Double tokens) {
        String model, revision;
        boolean isDir = java.nio.file.Files.isDirectory(Path.of(spec));
        if (isDir) {
            model = dir.getFileName().toString();
            revision = "local";
        } else {
            CheckpointResolver.Spec s = CheckpointResolver.Spec.parse(spec);
            model = s.repo();
            revision = s.revision();
        }
        Optional<Checkpoint> registered = isDir ? Optional.empty() : registry(model, revision);
        String fam = family != null ? family : registered.map(Checkpoint::family).orElse(model);
        long p = params != null ? params : registered.map(Checkpoint::params).orElseGet(() -> countParams(lm));
        double t = tokens != null ? tokens : registered.map(Checkpoint::tokens).orElse(Double.NaN);
        return new Checkpoint(fam, model, revision, p, t);
    }

    private static Optional<Checkpoint> registry(String model, String revision) {
        try {
            return Families.load().lookup(model, revision, Family.Counts.EXACT);
        } catch (RuntimeException e) {
            return Optional.empty(); // no registry directory: identity from flags and weights only
        }
    }

    static long countParams(CausalLM lm) {
        if (!(lm instanceof Transformer t)) return 0;
        long n = 0;
        for (var a : t.parameters().values()) n += a.getShape().size();
        return n;
    }

    /** The dataset rows of the scored docs (for the samples' {@code doc} field), by doc id. */
    public static Map<Long, Map<String, Object>> rawDocs(TaskConfig cfg, Path dataDir, List<ScoredDoc> docs) {
        List<Map<String, Object>> rows = Datasets.of(dataDir).load(cfg.datasetPath(), cfg.datasetName(), cfg.evalSplit());
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (ScoredDoc d : docs) {
            long id = d.request().docId();
            if (id < rows.size()) out.put(id, rows.get((int) id));
        }
        return out;
    }
}
