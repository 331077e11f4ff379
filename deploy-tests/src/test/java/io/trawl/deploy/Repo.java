package io.trawl.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository the deployment files live in. The module's tests run from {@code deploy-tests/}; Surefire passes
 * the root as {@code trawl.repo.root} and the project version as {@code trawl.version}.
 */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String root = System.getProperty("trawl.repo.root");
        if (root == null) {
            throw new IllegalStateException("system property trawl.repo.root is not set (Surefire sets it to the repository root)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative).normalize();
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root().relativize(file), e);
        }
    }

    /** The files below a folder of the repository, as paths relative to the root, in a stable order. */
    static List<String> filesUnder(String folder) {
        try (var files = Files.walk(path(folder))) {
            return files.filter(Files::isRegularFile).map(f -> root().relativize(f).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    static String version() {
        String version = System.getProperty("trawl.version");
        if (version == null) {
            throw new IllegalStateException("system property trawl.version is not set (Surefire sets it to the project version)");
        }
        return version;
    }

    /** A property of the root pom, e.g. {@code graalvm.version}. */
    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("pom.xml has no property " + name);
        }
        return m.group(1).trim();
    }
}
