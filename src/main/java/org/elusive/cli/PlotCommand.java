package org.elusive.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "plot", mixinStandardHelpOptions = true, description = "Figures (PNG and SVG) from the tables.",
        subcommands = {
                PlotEmergenceCommand.class,
        })
public final class PlotCommand implements Callable<Integer> {
    @Override public Integer call() {
        new CommandLine(this).usage(System.out);
        return ExitCodes.USAGE;
    }
}
