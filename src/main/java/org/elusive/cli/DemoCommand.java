package org.elusive.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elusive.demo.Demo;
import org.elusive.demo.DemoFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline on CPU in minutes, with no download: trains a tiny GPT-NeoX family on a"
                + " generated corpus (cached), sweeps its checkpoints on a generated multiple-choice task, then"
                + " writes scores, per-sample correlations with compute, figures and REPORT.md.",
                "A second run reuses the trained family and the finished sweep units."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "results/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--data-dir", description = "Real benchmark data root (<org>/<name>/<config>/<split>.jsonl): adds a slice of ARC-Easy.")
    Path dataDir;
    @Option(names = "--arc-docs", defaultValue = "200", description = "ARC-Easy documents with --data-dir (default: ${DEFAULT-VALUE}).")
    int arcDocs;
    @Option(names = "--entities", defaultValue = "120", description = "Entities of the generated world; 4 questions each (default: ${DEFAULT-VALUE}).")
    int entities;
    @Option(names = "--seed", defaultValue = "7", description = "Seed of the world, corpus and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sizes", split = ",", description = "Sizes to train: a subset of xs,s,m,l (default: all).")
    java.util.List<String> sizes;
    @Option(names = "--steps", split = ",", description = "Checkpoint steps, ascending (default: 25,50,75,100,150,200,300,400).")
    int[] steps;

    @Override public Integer call() throws Exception {
        Demo.run(new Demo.Options(out, DemoFamily.standard().restrict(sizes, steps), entities, seed, dataDir, arcDocs),
                System.out);
        return ExitCodes.OK;
    }
}
