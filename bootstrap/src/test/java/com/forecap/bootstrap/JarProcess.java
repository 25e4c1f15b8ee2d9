package com.forecap.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The built {@code forecap.jar} run as a separate process, as a user or a container runs it. */
public final class JarProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "forecap.jar");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final Thread reader;

    private JarProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("jar-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        });
    }

    /**
     * Starts {@code java -jar target/forecap.jar args} with an environment made of only the given
     * variables (plus PATH and HOME).
     *
     * @param environment the variables
     * @param args        command-line arguments
     * @return the process
     */
    public static JarProcess start(Map<String, String> environment, String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        if (home != null) {
            env.put("HOME", home);
        }
        env.putAll(environment);
        try {
            return new JarProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free TCP port on loopback.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for an output line containing a text.
     *
     * @param text    what to look for
     * @param timeout how long at most
     * @return the line
     * @throws AssertionError when it does not come in time or the process ends first
     */
    public String awaitLine(String text, Duration timeout) throws InterruptedException {
        for (String line : output) {
            if (line.contains(text)) {
                return line;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS) : null;
            if (line != null && line.contains(text)) {
                return line;
            }
            if (left <= 0 || (line == null && !process.isAlive() && lines.isEmpty())) {
                throw new AssertionError("no line containing '" + text + "' within " + timeout + "; output:\n" + output());
            }
        }
    }

    /**
     * Waits for the process to end.
     *
     * @param timeout how long at most
     * @return the exit code
     * @throws AssertionError when it is still running after the timeout
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; output:\n" + output());
        }
        reader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** Sends SIGTERM, as {@code docker stop} does, keeping the output readable (unlike {@link Process#destroy()}). */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Kills the process at once (SIGKILL), like a crash or an out-of-memory kill. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /**
     * Everything printed so far.
     *
     * @return the output
     */
    public String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
