package com.forecap.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The k6 scripts type-check against @types/k6 with TypeScript (checkJs), and a broken script does not. */
class K6ScriptsIT {

    private static final Path K6 = Path.of("k6").toAbsolutePath();

    private record Result(int exit, String output) {
    }

    private static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    @BeforeAll
    static void install() throws Exception {
        if (!Files.isDirectory(K6.resolve("node_modules/typescript"))) {
            Result install = run(K6, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exit()).as(install.output()).isZero();
        }
    }

    @Test
    void both_scripts_type_check() throws Exception {
        Result tsc = run(K6, "node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json");
        assertThat(tsc.exit()).as(tsc.output()).isZero();
    }

    @Test
    void a_script_misusing_the_k6_api_is_caught(@TempDir Path copy) throws Exception {
        for (String file : List.of("tsconfig.json", "k6-test.js", "k6-realistic-test.js", "lib/forecap.js")) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.copy(K6.resolve(file), copy.resolve(file));
        }
        Files.createSymbolicLink(copy.resolve("node_modules"), K6.resolve("node_modules"));
        Files.writeString(copy.resolve("k6-test.js"), Files.readString(copy.resolve("k6-test.js"))
                .replace("getRecap(uniform(MAX_USER_ID));", "getRecap('not a number');"));
        Result tsc = run(copy, "node", K6.resolve("node_modules/typescript/bin/tsc").toString(), "-p", "tsconfig.json");
        assertThat(tsc.exit()).isNotZero();
        assertThat(tsc.output()).contains("k6-test.js").contains("not assignable");
    }
}
