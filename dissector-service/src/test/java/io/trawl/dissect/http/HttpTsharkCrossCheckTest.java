package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.Item;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer 2 against an independent dissector: per TCP connection, the requests (method and URI) and the response
 * status codes, 1xx interim ones included, must be the ones tshark finds, in the same order. tshark numbers
 * connections by first packet ({@code tcp.stream}), as {@link CaptureReplay} does. Skipped without tshark.
 */
class HttpTsharkCrossCheckTest {

    /** Separates the values of one field in one packet (several pipelined messages); URIs hold commas and bars. */
    private static final String AGGREGATOR = "\u001f";

    @ParameterizedTest
    @MethodSource("io.trawl.dissect.http.HttpCaptureTest#captures")
    void requestsAndStatusesAgreeWithTshark(String capture) throws Exception {
        Assumptions.assumeTrue(tsharkRuns(), "tshark is not installed");
        Map<Integer, List<String>> tsharkRequests = tshark(capture, "http.request", "http.request.method",
                "http.request.uri");
        Map<Integer, List<String>> tsharkStatuses = tshark(capture, "http.response", "http.response.code");

        Map<Integer, List<String>> ourRequests = new TreeMap<>();
        Map<Integer, List<String>> ourStatuses = new TreeMap<>();
        for (CaptureReplay.Connection c : CaptureReplay.replay(capture, DissectorLimits.defaults())) {
            List<Item> items = c.items().stream().sorted(Comparator.comparingInt(Item::index)).toList();
            for (Item item : items) {
                if (item.request().containsKey("method")) {
                    ourRequests.computeIfAbsent(c.number(), k -> new ArrayList<>())
                            .add(item.request().get("method") + " " + item.request().get("url"));
                }
                if (item.response().get("_interimResponses") instanceof List<?> interim) {
                    for (Object i : interim) {
                        ourStatuses.computeIfAbsent(c.number(), k -> new ArrayList<>())
                                .add(String.valueOf(((Map<?, ?>) i).get("status")));
                    }
                }
                if (item.response().containsKey("status")) {
                    ourStatuses.computeIfAbsent(c.number(), k -> new ArrayList<>())
                            .add(String.valueOf(item.response().get("status")));
                }
            }
        }

        assertThat(ourRequests).isNotEmpty().isEqualTo(tsharkRequests);
        assertThat(ourStatuses).isNotEmpty().isEqualTo(tsharkStatuses);
    }

    /** tcp.stream to the values of {@code fields}, one entry per message, joined by a space, in frame order. */
    private static Map<Integer, List<String>> tshark(String capture, String filter, String... fields)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r",
                CaptureReplay.PCAPS.resolve(capture).toString(), "-Y", filter, "-T", "fields",
                "-E", "aggregator=" + AGGREGATOR, "-e", "tcp.stream"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("tshark exit status").isZero();
        Map<Integer, List<String>> byStream = new TreeMap<>();
        for (String line : out.lines().toList()) {
            String[] columns = line.split("\t", -1);
            String[][] values = new String[fields.length][];
            for (int f = 0; f < fields.length; f++) {
                values[f] = columns[f + 1].split(AGGREGATOR, -1);
            }
            for (int m = 0; m < values[0].length; m++) {
                StringBuilder entry = new StringBuilder();
                for (int f = 0; f < fields.length; f++) {
                    entry.append(f == 0 ? "" : " ").append(values[f][m]);
                }
                byStream.computeIfAbsent(Integer.parseInt(columns[0]), k -> new ArrayList<>()).add(entry.toString());
            }
        }
        return byStream;
    }

    private static boolean tsharkRuns() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
