package io.trawl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints a finished report and writes it to its file, the same way for every harness. */
public final class Reports {
    private Reports() {
    }

    public static void publish(String harness, String report, Path file) throws IOException {
        System.out.println();
        System.out.println(report);
        Path out = file.toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(harness + ": wrote " + file);
    }
}
