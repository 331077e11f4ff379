package io.trawl.dissect.golden;

import io.trawl.dissect.detect.StandardDissectors;
import io.trawl.dissect.flow.FlowSettings;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.offline.OfflineDissection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import io.trawl.dissect.item.ItemSchemaCheck;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer 2 on the golden captures made by {@code testdata/golden/make-captures.sh}: curl, dig, nginx, dnsmasq and
 * a Python server over a 1500-byte-MTU veth pair, so TCP segments are at most 1448 bytes. The items that
 * {@link OfflineDissection} writes are compared with tshark's view of the same files, kept next to each capture as
 * {@code .tsv} files made in the same run, so this test needs no tshark. testdata/golden/README.md says how each
 * capture was made.
 */
class GoldenCaptureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Large enough to keep all of large-body's 300,000 bytes, so reassembly is checked on every byte. */
    private static final DissectorLimits WHOLE_BODIES = new DissectorLimits(16 * 1024, 64 * 1024, 512 * 1024,
            512 * 1024, 64, 10_000_000_000L);

    /** The body of /large.txt: numbered lines cut to this length. */
    private static final int LARGE_BODY_BYTES = 300_000;

    /** What golden_http_server.py announces and sends before it resets the connection. */
    private static final int RESET_DECLARED_BYTES = 100_000;
    private static final int RESET_SENT_BYTES = 24_000;

    private static final Map<String, String> DNS_TYPES = Map.of("1", "A", "28", "AAAA", "5", "CNAME", "15", "MX",
            "16", "TXT", "33", "SRV", "12", "PTR");

    // --- HTTP against tshark ---

    @ParameterizedTest
    @ValueSource(strings = {"keepalive", "chunked-gzip", "large-body", "post-form", "error-500", "pipelined",
            "reset-mid-response", "midstream", "reordered"})
    void httpRequestsAndStatusesAreTsharks(String capture) throws Exception {
        List<JsonNode> items = dissect("http/" + capture, DissectorLimits.defaults());
        Tsv requests = Tsv.read("http/" + capture + ".tshark.requests.tsv");
        Tsv responses = Tsv.read("http/" + capture + ".tshark.responses.tsv");

        assertThat(items).isNotEmpty().allSatisfy(item -> {
            assertThat(item.path("protocol").path("name").asString()).isEqualTo("http");
            assertThat(item.path("src").path("ip").asString()).isEqualTo("10.231.0.1");
            assertThat(item.path("dst").path("ip").asString()).isEqualTo("10.231.0.2");
        });
        Set<String> tsharkStreams = new LinkedHashSet<>(requests.column("tcp.stream"));
        tsharkStreams.addAll(responses.column("tcp.stream"));
        assertThat(items.stream().map(i -> i.path("stream").asString()).distinct()).hasSameSizeAs(tsharkStreams);

        // Pipelined requests in one segment are one tshark row with comma-separated values.
        List<String> tsharkRequests = new ArrayList<>();
        for (Map<String, String> row : requests.rows()) {
            String[] methods = row.get("http.request.method").split(",");
            String[] uris = row.get("http.request.uri").split(",");
            assertThat(uris).hasSameSizeAs(methods);
            for (int i = 0; i < methods.length; i++) {
                tsharkRequests.add(methods[i] + " " + uris[i]);
            }
        }
        List<String> ourRequests = items.stream().map(i -> i.path("request"))
                .filter(r -> r.has("method"))
                .map(r -> r.path("method").asString() + " " + r.path("url").asString())
                .toList();
        assertThat(ourRequests).isEqualTo(tsharkRequests);

        // tshark lists a 100 Continue as a response of its own; an item keeps it with the final response.
        List<String> ourStatuses = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode response = item.path("response");
            for (JsonNode interim : response.path("_interimResponses")) {
                ourStatuses.add(interim.path("status").asString());
            }
            if (response.has("status")) {
                ourStatuses.add(response.path("status").asString());
            }
        }
        assertThat(ourStatuses).isEqualTo(responses.column("http.response.code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keepalive", "chunked-gzip", "large-body", "post-form", "error-500", "pipelined",
            "reordered"})
    void completeConversationsGiveItemsWithoutErrors(String capture) throws Exception {
        assertThat(dissect("http/" + capture, DissectorLimits.defaults()))
                .allSatisfy(item -> assertThat(item.path("error").isNull()).as(item.toString()).isTrue());
    }

    // --- HTTP: what tshark's fields do not show ---

    @Test
    void captureStartingMidConnectionReportsItsFirstResponseAsPairNotFound() throws Exception {
        List<JsonNode> midstream = dissect("http/midstream", DissectorLimits.defaults());
        List<JsonNode> keepalive = dissect("http/keepalive", DissectorLimits.defaults());

        assertThat(midstream).hasSize(3);
        JsonNode orphan = midstream.getFirst();
        assertThat(orphan.path("error").path("type").asString()).isEqualTo("pair-not-found");
        assertThat(orphan.path("request").has("method")).isFalse();
        assertThat(orphan.path("response").path("status").asInt()).isEqualTo(200);
        assertThat(orphan.path("response").path("content").path("text").asString())
                .isEqualTo(keepalive.getFirst().path("response").path("content").path("text").asString());
        // The cut leaves the later exchanges whole: the same as in the capture it was cut from.
        for (int i = 1; i < 3; i++) {
            assertThat(midstream.get(i).path("error").isNull()).isTrue();
            assertThat(midstream.get(i).path("request")).isEqualTo(keepalive.get(i).path("request"));
            assertThat(midstream.get(i).path("response")).isEqualTo(keepalive.get(i).path("response"));
        }
    }

    @Test
    void resetMidResponseYieldsPartialItemWithConnectionError() throws Exception {
        List<JsonNode> items = dissect("http/reset-mid-response", WHOLE_BODIES);

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.path("error").path("type").asString()).isEqualTo("connection");
            assertThat(item.path("request").path("url").asString()).isEqualTo("/reset");
            JsonNode response = item.path("response");
            assertThat(response.path("status").asInt()).isEqualTo(200);
            assertThat(response.path("headers").path("Content-Length").asString())
                    .isEqualTo(String.valueOf(RESET_DECLARED_BYTES));
            assertThat(response.path("content").path("size").asInt()).isEqualTo(RESET_SENT_BYTES);
            assertThat(response.path("content").path("text").asString()).hasSize(RESET_SENT_BYTES)
                    .startsWith("line 000000: ");
        });
    }

    @Test
    void largeBodyIsReassembledFromFullSizeSegmentsByteForByte() throws Exception {
        JsonNode response = dissect("http/large-body", WHOLE_BODIES).getFirst().path("response");

        assertThat(response.path("bodySize").asInt()).isEqualTo(LARGE_BODY_BYTES);
        String text = response.path("content").path("text").asString();
        assertThat(text).hasSize(LARGE_BODY_BYTES);
        assertNumberedLines(text);
    }

    @Test
    void reorderedSegmentsGiveTheSameItemAsInOrder() throws Exception {
        JsonNode inOrder = dissect("http/large-body", WHOLE_BODIES).getFirst();
        JsonNode reordered = dissect("http/reordered", WHOLE_BODIES).getFirst();

        assertThat(reordered.path("error").isNull()).isTrue();
        assertThat(reordered.path("request")).isEqualTo(inOrder.path("request"));
        assertThat(reordered.path("response")).isEqualTo(inOrder.path("response"));
    }

    @Test
    void chunkedGzipBodyIsDechunkedAndDecompressed() throws Exception {
        JsonNode response = dissect("http/chunked-gzip", DissectorLimits.defaults()).getFirst().path("response");

        assertThat(response.path("headers").path("Transfer-Encoding").asString()).isEqualTo("chunked");
        assertThat(response.path("headers").path("Content-Encoding").asString()).isEqualTo("gzip");
        // tshark: "Content-encoded entity body (gzip): 10427 bytes -> 63192 bytes".
        assertThat(response.path("bodySize").asInt()).isEqualTo(10_427);
        assertThat(response.path("content").path("size").asInt()).isEqualTo(63_192);
        JsonNode report = JSON.readTree(response.path("content").path("text").asString());
        assertThat(report.path("rows")).hasSize(600);
        assertThat(report.path("rows").get(599).path("id").asInt()).isEqualTo(599);
    }

    @Test
    void formPostsAndTheExpectContinueInterimResponseAreKept() throws Exception {
        List<JsonNode> items = dissect("http/post-form", DissectorLimits.defaults());

        assertThat(items).hasSize(2);
        JsonNode form = items.get(0);
        assertThat(params(form.path("request").path("postData"))).containsExactly(
                "name=Trawl Golden", "email=golden@lab.test", "tags=pcap", "tags=http");
        assertThat(form.path("response").path("_interimResponses")).isEmpty();

        JsonNode upload = items.get(1);
        assertThat(upload.path("request").path("headers").path("Expect").asString()).isEqualTo("100-continue");
        assertThat(upload.path("request").path("bodySize").asInt()).isEqualTo(3988);
        assertThat(params(upload.path("request").path("postData"))).hasSize(3).endsWith("size=large",
                "kind=expect");
        assertThat(upload.path("response").path("_interimResponses")).singleElement()
                .satisfies(interim -> assertThat(interim.path("status").asInt()).isEqualTo(100));
        assertThat(upload.path("response").path("status").asInt()).isEqualTo(200);
        // golden_http_server.py answers with the number of body bytes it read.
        assertThat(JSON.readTree(upload.path("response").path("content").path("text").asString())
                .path("received").asInt()).isEqualTo(3988);
    }

    // --- DNS against tshark ---

    @ParameterizedTest
    @ValueSource(strings = {"udp-queries", "tcp-queries"})
    void dnsQuestionsAndAnswersAreTsharks(String capture) throws Exception {
        List<JsonNode> items = dissect("dns/" + capture, DissectorLimits.defaults());
        Tsv tshark = Tsv.read("dns/" + capture + ".tshark.tsv");
        List<Map<String, String>> queries = tshark.rows().stream().filter(r -> r.get("dns.flags.response").equals("0"))
                .toList();

        assertThat(items).hasSameSizeAs(queries);
        for (JsonNode item : items) {
            assertThat(item.path("protocol").path("name").asString()).isEqualTo("dns");
            assertThat(item.path("error").isNull()).as(item.toString()).isTrue();
            int id = item.path("request").path("id").asInt();
            Map<String, String> response = tshark.rows().stream()
                    .filter(r -> Integer.decode(r.get("dns.id")) == id && r.get("dns.flags.response").equals("1"))
                    .findFirst().orElseThrow(() -> new AssertionError("tshark has no response with id " + id));
            JsonNode question = item.path("request").path("questions").get(0);
            assertThat(item.path("request").path("questions")).hasSize(1);
            assertThat(question.path("name").asString()).isEqualTo(response.get("dns.qry.name"));
            assertThat(question.path("type").asString()).isEqualTo(DNS_TYPES.get(response.get("dns.qry.type")));

            JsonNode ours = item.path("response");
            assertThat(ours.path("rcode").asString()).isEqualTo(response.get("dns.flags.rcode"));
            assertThat(ours.path("answers")).hasSize(Integer.parseInt(response.get("dns.count.answers")));
            assertThat(ours.path("authorities")).hasSize(Integer.parseInt(response.get("dns.count.auth_rr")));
            assertThat(ours.path("additionals")).hasSize(Integer.parseInt(response.get("dns.count.add_rr")));

            // tshark's record fields hold the records of every section, so compare with all of ours.
            List<JsonNode> records = new ArrayList<>();
            for (String section : List.of("answers", "authorities", "additionals")) {
                ours.path(section).forEach(records::add);
            }
            String what = question.path("name").asString() + " " + question.path("type").asString();
            assertThat(values(records, "A", r -> r.path("ip").asString())).as(what)
                    .isEqualTo(list(response.get("dns.a")));
            assertThat(values(records, "AAAA", r -> r.path("ip").asString())).as(what)
                    .isEqualTo(list(response.get("dns.aaaa")));
            assertThat(values(records, "CNAME", r -> r.path("cname").asString())).as(what)
                    .isEqualTo(list(response.get("dns.cname")));
            assertThat(values(records, "MX", r -> r.path("mx").path("exchange").asString())).as(what)
                    .isEqualTo(list(response.get("dns.mx.mail_exchange")));
            assertThat(records.stream().filter(r -> r.path("type").asString().equals("TXT"))
                    .flatMap(r -> r.path("txts").valueStream()).map(JsonNode::asString).toList()).as(what)
                    .isEqualTo(list(response.get("dns.txt")));
            assertThat(values(records, "SRV", r -> r.path("srv").path("target").asString())).as(what)
                    .isEqualTo(list(response.get("dns.srv.target")));
            assertThat(values(records, "PTR", r -> r.path("ptr").asString())).as(what)
                    .isEqualTo(list(response.get("dns.ptr.domain_name")));
        }
    }

    @Test
    void everyRecordTypeAndNxdomainAreExercised() throws Exception {
        List<JsonNode> items = dissect("dns/udp-queries", DissectorLimits.defaults());

        Set<String> answered = new LinkedHashSet<>();
        for (JsonNode item : items) {
            item.path("response").path("answers").forEach(a -> answered.add(a.path("type").asString()));
        }
        assertThat(answered).contains("A", "AAAA", "CNAME", "MX", "TXT", "SRV", "PTR");
        assertThat(items).filteredOn(i -> i.path("response").path("rcode").asInt() == 3).singleElement()
                .satisfies(i -> assertThat(i.path("request").path("questions").get(0).path("name").asString())
                        .isEqualTo("missing.lab.test"));
    }

    @Test
    void dnsOverOneTcpConnectionGivesTheAnswersOfUdp() throws Exception {
        List<JsonNode> udp = dissect("dns/udp-queries", DissectorLimits.defaults());
        List<JsonNode> tcp = dissect("dns/tcp-queries", DissectorLimits.defaults());

        assertThat(tcp.stream().map(i -> i.path("stream").asString()).distinct()).hasSize(1);
        assertThat(tcp).allSatisfy(i -> assertThat(i.path("protocol").path("layer4").asString()).isEqualTo("tcp"));
        assertThat(tcp).hasSameSizeAs(udp);
        for (int i = 0; i < udp.size(); i++) {
            assertThat(tcp.get(i).path("request").path("questions")).isEqualTo(udp.get(i).path("request").path("questions"));
            assertThat(tcp.get(i).path("response").path("answers")).isEqualTo(udp.get(i).path("response").path("answers"));
            assertThat(tcp.get(i).path("response").path("rcode")).isEqualTo(udp.get(i).path("response").path("rcode"));
        }
    }

    // --- helpers ---

    private static List<JsonNode> dissect(String capture, DissectorLimits limits) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OfflineDissection.Result result = new OfflineDissection(StandardDissectors.registry(), FlowSettings.defaults(),
                limits).run(resource(capture + ".pcap"), out, "golden");
        assertThat(result.error()).isNull();
        List<JsonNode> items = out.toString(UTF_8).lines().map(line -> ItemSchemaCheck.valid(line.getBytes(UTF_8))).toList();
        assertThat(items).hasSize((int) result.items());
        return items;
    }

    private static Path resource(String name) {
        URL url = GoldenCaptureTest.class.getResource("/pcap/" + name);
        assertThat(url).as("test resource pcap/" + name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lines of large.txt start with a six-digit number counting from 0: a lost, doubled or swapped segment shows. */
    private static void assertNumberedLines(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i]).as("line %d", i).startsWith("%06d ".formatted(i));
        }
        String last = lines[lines.length - 1];
        String number = "%06d ".formatted(lines.length - 1);
        assertThat(last.length() >= number.length() ? last.startsWith(number) : number.startsWith(last))
                .as("the last line, cut short: %s", last).isTrue();
    }

    private static List<String> params(JsonNode postData) {
        return postData.path("params").valueStream()
                .map(p -> p.path("name").asString() + "=" + p.path("value").asString()).toList();
    }

    private static List<String> values(List<JsonNode> records, String type, Function<JsonNode, String> value) {
        return records.stream().filter(r -> r.path("type").asString().equals(type)).map(value).toList();
    }

    private static List<String> list(String tsharkField) {
        return tsharkField.isEmpty() ? List.of() : Arrays.asList(tsharkField.split(","));
    }

    /** A tshark {@code -T fields -E header=y} file: a header line of field names, then one line per packet. */
    private record Tsv(List<String> fields, List<Map<String, String>> rows) {

        static Tsv read(String name) throws IOException {
            List<String> lines = Files.readAllLines(resource(name), UTF_8);
            List<String> fields = List.of(lines.getFirst().split("\t", -1));
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split("\t", -1);
                assertThat(values).as(name + ": " + line).hasSameSizeAs(fields);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    row.put(fields.get(i), values[i]);
                }
                rows.add(row);
            }
            return new Tsv(fields, rows);
        }

        List<String> column(String field) {
            return rows.stream().map(r -> r.get(field)).toList();
        }
    }
}
