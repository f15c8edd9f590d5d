package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elusive.core.BadInputException;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.CheckpointResolver;
import org.elusive.catalog.Families;
import org.elusive.catalog.Family;
import org.elusive.catalog.Steps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists a family's checkpoints from models/*.yaml, with compute and whether each is in the local HF cache. */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = "List a model family's checkpoints (models/*.yaml) with params, tokens, compute and local"
                + " availability in the Hugging Face cache, tab-separated; --missing --specs feeds scripts/download-family.sh.")
public final class CheckpointsCommand implements Callable<Integer> {

    @Option(names = "--family", description = "Family name (omit to list the families).")
    String family;

    @Option(names = "--sizes", split = ",", description = "Sizes to take, e.g. 70m,160m (default: all).")
    List<String> sizes = List.of();

    @Option(names = "--steps", description = "Steps or revisions, e.g. 0,1,512,143000 or 240b_tokens (default: all).")
    String steps;

    @Option(names = "--every", description = "Only steps that are multiples of N, plus each model's final checkpoint.")
    Long every;

    @Option(names = "--counts", description = "exact (counted from the architecture) or paper (the Elusive paper's rounded figures). Default: ${DEFAULT-VALUE}.")
    String counts = "exact";

    @Option(names = "--models-dir", description = "Registry directory (default: ./models or the project's models/).")
    Path modelsDir;

    @Option(names = "--hub-cache", description = "HF hub cache (default: $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub).")
    Path hubCache;

    @Option(names = "--missing", description = "Only checkpoints that are not in the local cache.")
    boolean missing;

    @Option(names = "--specs", description = "Print only org/name@revision, one per line.")
    boolean specs;

    @Override
    public Integer call() {
        Families families = modelsDir == null ? Families.load() : Families.load(modelsDir);
        if (family == null) {
            for (Family f : families.all()) {
                System.out.printf("%s\t%s\t%d checkpoints\t%s%n", f.name(), String.join(",", f.sizes()), f.checkpoints().size(), f.description());
            }
            return ExitCodes.OK;
        }
        if (steps != null && every != null) throw new BadInputException("--steps and --every: give one of them, not both");
        Steps sel = steps != null ? Steps.parse(steps) : every != null ? Steps.every(every) : Steps.ALL;
        Family.Counts c = Family.Counts.parse(counts);
        Path cache = hubCache != null ? hubCache : CheckpointResolver.hubCache(System.getenv());
        List<Checkpoint> selected = families.get(family).checkpoints(sizes, sel, c);
        if (!specs) System.out.println("family\tmodel\trevision\tparams\ttokens\tcompute\tlocal");
        for (Checkpoint cp : selected) {
            String local;
            try {
                local = CheckpointResolver.resolve(new CheckpointResolver.Spec(cp.model(), cp.revision()), cache).toString();
            } catch (BadInputException e) {
                local = "";
            }
            if (missing && !local.isEmpty()) continue;
            if (specs) {
                System.out.println(cp.spec());
            } else {
                System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%.0f\t%.6e\t%s%n", cp.family(), cp.model(), cp.revision(),
                        cp.params(), cp.tokens(), cp.compute(), local.isEmpty() ? "missing" : local);
            }
        }
        return ExitCodes.OK;
    }
}
