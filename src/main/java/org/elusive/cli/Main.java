package org.elusive.cli;

import java.util.concurrent.Callable;
import org.elusive.core.Log;
import org.elusive.core.Version;
import org.elusive.model.Libtorch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "elusive", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Score language-model checkpoints on multiple-choice benchmarks and analyse how"
                + " downstream capabilities scale (Schaeffer et al. 2024, Wu & Lo 2024, Maia Polo et al. 2024).",
        subcommands = {
                // each command registers itself here, one line per command
                org.elusive.cli.EvalCommand.class,
                org.elusive.cli.SweepCommand.class,
                org.elusive.cli.ScoresCommand.class,
                org.elusive.cli.CorrelateCommand.class,
                org.elusive.cli.ImportLmEvalCommand.class,
                org.elusive.cli.EmergenceCommand.class,
                org.elusive.cli.SlothCommand.class,
                org.elusive.cli.ForecastCommand.class,
                org.elusive.cli.PlotCommand.class,
                org.elusive.cli.DemoCommand.class,
                org.elusive.cli.BenchCommand.class,
                org.elusive.cli.CheckpointsCommand.class,
                org.elusive.cli.DoctorCommand.class,
                org.elusive.cli.TasksCommand.class,
        })
public final class Main implements Callable<Integer> {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces on errors and the libraries' debug log (DJL, ...).")
    void setVerbose(boolean on) {
        Log.setVerbose(on);
        if (on) System.setProperty(LOG_LEVEL, "debug");
    }

    /** slf4j-simple's level (warn: simplelogger.properties); read once, when the first logger is made, after the options are parsed. */
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /** {@code --version}: the pom's version, through {@link Version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[] {Version.harness()}; }
    }

    @Override public Integer call() {
        new CommandLine(this).usage(System.out);
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code; tests call this instead of main. */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /**
     * Runs the CLI with commands made by {@code factory}: how a test gives a command its
     * collaborators (e.g. {@code new SweepCommand(backend)}) through their constructors.
     */
    public static int run(CommandLine.IFactory factory, String... args) {
        // nothing is downloaded at run time unless the user asks: ELUSIVE_ONLINE=1 or an explicit -Dai.djl.offline
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", String.valueOf(!"1".equals(System.getenv("ELUSIVE_ONLINE"))));
        }
        CommandLine cli = Converters.register(new CommandLine(new Main(), factory));
        cli.setExecutionExceptionHandler(ExitCodes::handle);
        cli.setParameterExceptionHandler(ExitCodes::handleUsage);
        cli.setExecutionStrategy(Main::checkLibtorchThenRun);
        return cli.execute(args);
    }

    /**
     * Refuses a libtorch this build cannot use before any command loads it (doctor reports it among
     * the rest of the environment instead); help, version and `tasks` need no libtorch.
     */
    private static int checkLibtorchThenRun(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        boolean help = false;
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            help |= r.isUsageHelpRequested() || r.isVersionHelpRequested();
        }
        Object command = leaf.commandSpec().userObject();
        boolean needsTorch = leaf != parsed && !help && !(command instanceof DoctorCommand || command instanceof TasksCommand);
        if (needsTorch) {
            var problem = Libtorch.problem(System.getenv());
            if (problem.isPresent()) {
                System.err.println("error: " + problem.get());
                return ExitCodes.USAGE;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
