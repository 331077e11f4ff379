package io.trawl.launcher.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code trawl local} runs when told nothing else, shipped inside the launcher jar: the example scripts of
 * {@code scripts/examples/} and the sample capture of {@code testdata/examples/} they are tested on.
 */
final class Bundled {

    static final String SAMPLE = "trawl/samples/examples.pcap";
    static final List<String> EXAMPLES = List.of("basic-auth.js", "error-burst.js", "generated-dns-names.js",
            "latency-outliers.js", "protocol-report.js", "server-errors.js", "status-codes.js");

    private Bundled() {
    }

    /** Copies the sample capture into {@code directory} (the replay reads a file) and returns its path. */
    static Path sampleCapture(Path directory) {
        try (InputStream in = resource(SAMPLE)) {
            Files.createDirectories(directory);
            Path file = directory.resolve("sample.pcap");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundled sample capture to " + directory, e);
        }
    }

    /** The bundled example scripts, name (file name without {@code .js}) to source, in name order. */
    static Map<String, String> exampleScripts() {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (String file : EXAMPLES) {
            try (InputStream in = resource("trawl/examples/" + file)) {
                scripts.put(scriptName(file), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled example " + file, e);
            }
        }
        return scripts;
    }

    /** The {@code .js} files of {@code directory}, name to source, in name order. */
    static Map<String, String> scriptsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--scripts " + directory + " is not a directory");
        }
        Map<String, String> scripts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".js")).sorted().toList()) {
                scripts.put(scriptName(file.getFileName().toString()), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scripts in " + directory + ": " + e.getMessage(), e);
        }
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("--scripts " + directory + " holds no .js file");
        }
        return scripts;
    }

    /** {@code Status-Codes.js} → {@code status-codes}: the script's name in the store. */
    static String scriptName(String fileName) {
        return fileName.substring(0, fileName.length() - ".js".length()).toLowerCase();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Bundled.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not in the launcher jar; rebuild it with ./mvnw -pl launcher -am package");
        }
        return in;
    }
}
