package com.forecap.bootstrap.cli;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.forecap.application.port.out.ReportProgressPort;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on the console: a live bar with rate and ETA on a terminal, a plain line every few seconds
 * otherwise (logs, CI, {@code docker compose run} without a TTY). Thread-safe.
 */
final class ConsoleProgress implements ReportProgressPort {

    private static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private volatile ProgressBar bar;
    private volatile ScheduledExecutorService printer;
    private volatile String task;
    private volatile long total;
    private volatile long startedAt;
    private volatile long initial;

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
        this.task = task;
        this.total = total;
        this.initial = done;
        this.done.set(done);
        this.startedAt = System.nanoTime();
        if (done > 0) {
            out.printf(Locale.ROOT, "%s: %,d of %,d already present, resuming%n", task, done, total);
        }
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(done, Duration.ZERO)
                    .setUnit(" rows", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build();
        } else {
            printer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("progress").factory());
            printer.scheduleAtFixedRate(this::printLine, LINE_INTERVAL.toMillis(), LINE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void advanced(long units) {
        done.addAndGet(units);
        ProgressBar current = bar;
        if (current != null) {
            current.stepBy(units);
        }
    }

    @Override
    public void totalChanged(long total) {
        this.total = total;
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
        ScheduledExecutorService current2 = printer;
        if (current2 != null) {
            current2.shutdownNow();
            printer = null;
            printLine();
        }
    }

    /** One plain progress line: done, share, rate since start, ETA. */
    String line() {
        long now = done.get();
        double seconds = Math.max(1e-9, (System.nanoTime() - startedAt) / 1e9);
        double rate = (now - initial) / seconds;
        if (now > total) {
            return String.format(Locale.ROOT, "%s: %,d, %,.0f rows/s", task, now, rate);
        }
        long left = Math.max(0, total - now);
        String eta = rate > 0 ? format(Duration.ofSeconds((long) (left / rate))) : "unknown";
        return String.format(Locale.ROOT, "%s: %,d / %,d (%.1f%%), %,.0f rows/s, ETA %s", task, now, total,
                total == 0 ? 100.0 : 100.0 * now / total, rate, eta);
    }

    private void printLine() {
        out.println(line());
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
