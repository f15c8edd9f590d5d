package org.elusive.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr: redrawn in place on a terminal; in a log file (a Slurm job's output,
 * a pipe) no carriage returns and no colour, only the final line, once, when the bar closes.
 * {@link System#console()} is the terminal test Java 17 offers (null when stdin or stdout is
 * redirected, as in every batch job).
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final FinalLine finalLine;

    private Progress(ProgressBar bar, FinalLine finalLine) {
        this.bar = bar;
        this.finalLine = finalLine;
    }

    static Progress start(String task, long max, String unit) {
        boolean terminal = System.console() != null;
        FinalLine line = terminal ? null : new FinalLine(System.err);
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1).showSpeed()
                .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(System.err) : line)
                .setUpdateIntervalMillis(terminal ? 500 : 60_000).build();
        return new Progress(bar, line);
    }

    void step() { bar.step(); }

    /**
     * Closes the bar, then prints the final line: progressbar 0.10.1 skips its consumer's close
     * when the bar closes before its first scheduled refresh (short runs).
     */
    @Override public void close() {
        bar.close();
        if (finalLine != null) finalLine.close();
    }

    /** Keeps the latest rendering and prints it once, plain, when the bar closes. */
    static final class FinalLine implements ProgressBarConsumer {
        private final PrintStream out;
        private String last = "";

        FinalLine(PrintStream out) { this.out = out; }

        /** The rendering without the style's carriage return and ANSI colour codes. */
        static String plain(String rendered) { return rendered.replaceAll("\r|\u001b\\[[0-9;]*m", "").strip(); }

        @Override public int getMaxRenderedLength() { return 100; }

        @Override public void accept(String rendered) { last = plain(rendered); }

        @Override public void close() {
            if (!last.isEmpty()) out.println(last);
            last = "";
        }
    }
}
