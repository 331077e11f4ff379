package io.trawl.deploy;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line validator (docker-compose, kubectl) run on the files as a person would. Where the tool is missing
 * the test is skipped, except under CI ({@code CI=true}) for the tools {@code .ci/run} installs.
 */
final class ExternalTool {

    /** What a run printed, and how it ended. */
    record Result(int exitCode, String output) {
    }

    private final String command;

    ExternalTool(String command) {
        this.command = command;
    }

    /** Skips the calling test when the tool is not on the PATH; fails it under CI, which installs the tool. */
    ExternalTool requireUnderCi(String install) {
        if (!installed() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(command + " is missing under CI: .ci/run should " + install);
        }
        return ifInstalled(install);
    }

    /** Skips the calling test when the tool is not on the PATH, also under CI. */
    ExternalTool ifInstalled(String install) {
        Assumptions.assumeTrue(installed(), command + " is not installed (" + install + ")");
        return this;
    }

    private boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        return !path.isEmpty() && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    Result run(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(List.of(arguments));
        Process process = new ProcessBuilder(line).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", line) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
