package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.elusive.rows.ChoiceRow;
import org.elusive.store.LmEvalSamples;
import org.elusive.store.ModelMap;
import org.elusive.store.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import-lm-eval", mixinStandardHelpOptions = true,
        description = "lm-evaluation-harness --log_samples output + a model map -> choices table (docs/design.md §3.1).")
public final class ImportLmEvalCommand implements Callable<Integer> {
    @Option(names = "--samples", required = true, paramLabel = "DIR",
            description = "lm-eval's --output_path: searched recursively for samples_<task>_<date>.jsonl.")
    Path samples;

    @Option(names = "--models", required = true, paramLabel = "MAP",
            description = "Table with columns name, family, model, revision, params, tokens [, compute]; name is"
                    + " lm-eval's pretrained[@revision] or its output directory name.")
    Path models;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Choices table to write.")
    Path out;

    @Mixin OutputFormatOption format;

    @Override public Integer call() {
        List<ChoiceRow> rows = LmEvalSamples.read(samples, ModelMap.read(models));
        Tables.writeChoices(out, rows, format.of(out));
        System.err.printf("%s: %d choices%n", out, rows.size());
        return ExitCodes.OK;
    }
}
