package io.trawl.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the programs the harnesses measure beside Trawl (tcpdump, tshark, /usr/bin/time). */
public final class InstalledTools {

    private InstalledTools() {
    }

    /**
     * The path of {@code tool}: first on PATH, then in the system directories (which a non-root PATH may lack).
     *
     * @throws IllegalStateException naming the Debian package to install when it is nowhere
     */
    public static String which(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(tool + " not found: install the Debian package '" + debianPackage + "'");
    }
}
