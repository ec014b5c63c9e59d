package io.pullsecretinjector.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools the deployment is made with (kubectl, openssl, certs/generate.sh). */
final class Commands {

    private static final long TIMEOUT_SECONDS = 120;

    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        Result assertSuccess() {
            if (exitCode != 0) {
                fail(String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n"
                        + stderr);
            }
            return this;
        }
    }

    private Commands() {
    }

    /**
     * The named program from the environment variable {@code override} if set, else from PATH; fails the test with
     * {@code why} when there is none (these tests are meant to fail, not skip, where the tool is missing).
     */
    static String require(String program, String override, String why) {
        String configured = System.getenv(override);
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? configured
                    : fail("$" + override + "=" + configured + " is not an executable file: " + why);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        return fail(program + " is not on PATH (nor set in $" + override + "): " + why);
    }

    static Result run(Path workingDir, String... command) {
        return run(workingDir, List.of(command));
    }

    static Result run(Path workingDir, List<String> command) {
        try {
            Path stdout = Files.createTempFile("command-", ".out");
            Path stderr = Files.createTempFile("command-", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workingDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(new ArrayList<>(command), process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            return fail("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command), e);
        }
    }
}
