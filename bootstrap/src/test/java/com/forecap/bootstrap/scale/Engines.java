package com.forecap.bootstrap.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The engines the scale-out tests start (redis-server, mariadbd, haproxy, openssl): installed from the
 * Debian packages when missing (as root, or with password-less sudo), and small process utilities.
 */
final class Engines {

    private Engines() {
    }

    /**
     * Makes sure a command exists, installing its Debian package when it does not (idempotent).
     *
     * @param command  the command, e.g. {@code haproxy}
     * @param packages the packages that provide it
     * @throws IllegalStateException when it is still missing
     */
    static synchronized void require(String command, String... packages) {
        if (found(command)) {
            return;
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
        install.addAll(List.of(packages));
        if (!"root".equals(System.getProperty("user.name"))) {
            install.addAll(0, List.of("sudo", "-n"));
        }
        if (run(install, Duration.ofMinutes(4)) != 0 || !found(command)) {
            List<String> update = new ArrayList<>(List.of("apt-get", "update", "-qq"));
            if (!"root".equals(System.getProperty("user.name"))) {
                update.addAll(0, List.of("sudo", "-n"));
            }
            run(update, Duration.ofMinutes(3));
            run(install, Duration.ofMinutes(4));
        }
        if (!found(command)) {
            throw new IllegalStateException(command + " is missing and could not be installed: apt-get install "
                    + String.join(" ", packages));
        }
    }

    private static boolean found(String command) {
        return run(List.of("sh", "-c", "command -v " + command + " || test -x /usr/sbin/" + command), Duration.ofSeconds(10)) == 0;
    }

    /**
     * Runs a command to its end, bounded, its output discarded.
     *
     * @param command the command
     * @param limit   the longest wait
     * @return the exit code, or -1 when it did not end in time
     */
    static int run(List<String> command, Duration limit) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Runs a command to its end, bounded, and returns its output.
     *
     * @param directory where
     * @param limit     the longest wait
     * @param command   the command
     * @return the output (standard output and error)
     * @throws IllegalStateException when it fails or does not end in time
     */
    static String output(Path directory, Duration limit, String... command) {
        try {
            Path log = Files.createTempFile(directory, "cmd-", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + limit);
            }
            String text = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills a process at once and waits (bounded) for it to end. */
    static void kill(Process process) {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes a directory tree, quietly. */
    static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leave it behind
        }
    }

    /** Sleeps, keeping the interrupt. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
