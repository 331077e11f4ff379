package io.trawl.capture.source.live;

import io.trawl.capture.source.CaptureException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opening an interface without the capabilities to capture gives a message that says which capabilities. The
 * check runs in a child JVM whose capabilities {@code setpriv} has removed.
 */
class CapturePermissionTest {

    /** The child: tries to open {@code lo} and prints the message it got. */
    public static void main(String[] args) {
        try {
            LiveInterfaceSource.open(new LiveCaptureSettings("lo", "", 65_536, false, 1 << 20)).close();
            System.out.println("OPENED");
        } catch (CaptureException e) {
            System.out.println(e.getMessage());
        }
    }

    @Test
    void captureWithoutNetRawNamesTheMissingCapabilities() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("/usr/bin/setpriv", "--inh-caps=-all", "--ambient-caps=-all",
                "--bounding-set=-all", "--", java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CapturePermissionTest.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("no permission to capture on 'lo': run as root, or give the process "
                + "CAP_NET_RAW and CAP_NET_ADMIN");
        assertThat(output).doesNotContain("OPENED");
    }
}
