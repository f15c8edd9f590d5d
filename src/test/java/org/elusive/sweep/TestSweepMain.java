package org.elusive.sweep;

import java.util.Arrays;
import java.util.List;
import org.elusive.cli.Main;
import org.elusive.cli.SweepCommand;
import picocli.CommandLine;

/**
 * {@code elusive} in a child JVM whose sweep command has a test backend, given through the command's
 * constructor: {@code TestSweepMain <fake|real|commit-point> <pauseMs> sweep <args>}. A pause before
 * each part widens the window in which a test kills the process mid-unit; "commit-point" blocks
 * between the last unit's commit mark and its tables ({@link CommitPointBackend}).
 */
public final class TestSweepMain {
    private TestSweepMain() {}

    public static void main(String[] args) {
        SweepBackend backend = switch (args[0]) {
            case "fake" -> new FakeBackend();
            case "commit-point" -> new CommitPointBackend();
            default -> new ModelBackend();
        };
        long pauseMs = Long.parseLong(args[1]);
        System.exit(Main.run(factory(pauseMs > 0 ? new PausingBackend(backend, pauseMs) : backend),
                Arrays.copyOfRange(args, 2, args.length)));
    }

    /** Makes the sweep command with {@code backend}, every other command as picocli does. */
    static CommandLine.IFactory factory(SweepBackend backend) {
        return new CommandLine.IFactory() {
            @Override public <K> K create(Class<K> cls) throws Exception {
                if (cls == SweepCommand.class) return cls.cast(new SweepCommand(backend));
                return CommandLine.defaultFactory().create(cls);
            }
        };
    }

    /** Runs the CLI in this JVM with a test backend. */
    static int run(SweepBackend backend, List<String> args) {
        return Main.run(factory(backend), args.toArray(String[]::new));
    }
}
