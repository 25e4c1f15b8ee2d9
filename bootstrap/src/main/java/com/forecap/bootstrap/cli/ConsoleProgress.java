package com.forecap.bootstrap.cli;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import com.forecap.application.shared.port.out.ReportProgressPort;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on the console: a live bar with rate and ETA on a terminal, the same as a plain line every
 * {@value #LINE_INTERVAL_MILLIS} ms otherwise (logs, CI, {@code docker compose run} without a TTY).
 * Thread-safe.
 */
final class ConsoleProgress implements ReportProgressPort {

    private static final int LINE_INTERVAL_MILLIS = 5_000;
    /** Room for the task name, the bar, the counts, elapsed and ETA, and the rate. */
    private static final int LINE_LENGTH = 140;

    private final PrintStream out;
    private final boolean terminal;
    private volatile ProgressBar bar;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Progress on standard error, as a bar when it is a terminal.
     *
     * @return the progress
     */
    static ConsoleProgress onStandardError() {
        return new ConsoleProgress(System.err, isTerminal());
    }

    @Override
    public void started(String task, long total, long done) {
        if (done > 0) {
            out.printf(Locale.ROOT, "%s: %,d of %,d already present, resuming%n", task, done, total);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .startsFrom(done, Duration.ZERO).setUnit(" rows", 1).showSpeed().setStyle(ProgressBarStyle.ASCII);
        bar = (terminal ? builder.setConsumer(new ConsoleProgressBarConsumer(out))
                : builder.setConsumer(new DelegatingProgressBarConsumer(out::println, LINE_LENGTH))
                        .setUpdateIntervalMillis(LINE_INTERVAL_MILLIS))
                .build();
    }

    @Override
    public void advanced(long units) {
        ProgressBar current = bar;
        if (current != null) {
            current.stepBy(units);
        }
    }

    @Override
    public void totalChanged(long total) {
        ProgressBar current = bar;
        if (current != null) {
            current.maxHint(total);
        }
    }

    @Override
    public void finished() {
        ProgressBar current = bar;
        if (current != null) {
            current.close();
            bar = null;
        }
    }

    /**
     * A duration as {@code 1h02m03s}, {@code 2m03s} or {@code 4s}.
     *
     * @param duration the duration
     * @return the text
     */
    static String format(Duration duration) {
        long s = duration.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22; before it a non-null console means a terminal.
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
