package io.trawl.integrations.s3;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * S3Mock 5.2.0 (copied to target/s3mock by the build) running as a process of its own on 127.0.0.1, started once
 * per test JVM on first use (it takes some 13 s) and stopped when the JVM exits.
 */
public final class S3MockServer {

    private static S3MockServer shared;

    private final Process process;
    private final URI endpoint;

    private S3MockServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized S3MockServer shared() throws IOException {
        if (shared == null) {
            shared = start();
            Process p = shared.process;
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    private static S3MockServer start() throws IOException {
        Path jar = Path.of("target/s3mock/s3mock.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the build's "
                    + "process-test-resources phase, which copies S3Mock there");
        }
        int http = freePort();
        int https = freePort();
        Path root = Files.createDirectories(Path.of("target/s3mock/store-" + http)).toAbsolutePath();
        Path log = Path.of("target/s3mock/s3mock-" + http + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "--http.port=" + http, "--server.port=" + https, "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.store.root=" + root, "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        URI endpoint = URI.create("http://127.0.0.1:" + http);
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await("S3Mock to answer on " + endpoint + " (log: " + log + ")")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("S3Mock exited with " + process.exitValue() + "; see " + log);
                    }
                    return client.send(HttpRequest.newBuilder(endpoint).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
        return new S3MockServer(process, endpoint);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
