package com.forecap.bootstrap.deploy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The production stack for real: {@code deploy/test/stack-test.sh} builds {@code deploy/Dockerfile} and
 * runs {@code deploy/docker-compose.production.yml} under Podman (stand-in base images built locally),
 * checks it through the published ports and tears it down. The script's PASS/FAIL lines are printed as
 * they come; the test fails on any failed check, and is skipped when the script reports that Podman
 * cannot be installed or run on this machine (exit status 77, e.g. not root).
 */
class PodmanStackIT {

    private static final Path SCRIPT = DeploymentFilesTest.ROOT.resolve("deploy/test/stack-test.sh");
    /** The script's own budget is 8 minutes on a fresh machine; this is the hard stop. */
    private static final Duration LIMIT = Duration.ofMinutes(10);
    /** After the hard stop, time for the script's trap to remove the containers. */
    private static final Duration TEARDOWN = Duration.ofMinutes(2);
    private static final int SKIPPED = 77;

    @Test
    void the_production_stack_builds_starts_serves_and_recovers_under_podman() throws Exception {
        Process script = new ProcessBuilder("bash", SCRIPT.toString())
                .directory(DeploymentFilesTest.ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process went away
            }
        });
        boolean finished = script.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            System.out.println("stack-test.sh still running after " + LIMIT + ": stopping it (SIGTERM, its trap tears down)");
            // Bash runs its trap once the command it waits for has ended: every process gets SIGTERM.
            script.descendants().forEach(ProcessHandle::destroy);
            script.destroy();
            if (!script.waitFor(TEARDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
            }
        }
        reader.join(Duration.ofSeconds(10));
        assertThat(finished).as("stack-test.sh finished within " + LIMIT).isTrue();
        assumeTrue(script.exitValue() != SKIPPED, () -> "stack test skipped: " + last(output));
        List<String> failed;
        synchronized (output) {
            failed = output.stream().filter(line -> line.startsWith("FAIL ")).toList();
        }
        assertThat(failed).as("failed checks").isEmpty();
        assertThat(script.exitValue()).as("stack-test.sh exit status; its last lines:%n%s", tail(output)).isZero();
        synchronized (output) {
            assertThat(output).as("checks run").anyMatch(line -> line.startsWith("PASS forecap-api restarted after kill -9"));
        }
    }

    private static String tail(List<String> output) {
        synchronized (output) {
            return String.join(System.lineSeparator(), output.subList(Math.max(0, output.size() - 40), output.size()));
        }
    }

    private static String last(List<String> output) {
        synchronized (output) {
            return output.isEmpty() ? "(no output)" : output.get(output.size() - 1);
        }
    }
}
