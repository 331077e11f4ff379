package io.trawl.dissect.dns;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.stream.Direction;
import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trawl.dissect.stream.Direction.CLIENT_TO_SERVER;
import static io.trawl.dissect.stream.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class DnsDissectorTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final DissectorLimits LIMITS = new DissectorLimits(1024, 1024, 0, 0, 3, 5 * SECOND);
    private static final FlowContext FLOW = new FlowContext(Endpoint.of("10.0.0.1", 40000),
            Endpoint.of("10.0.0.53", 53), "node-a", "udp-1-0", T0);

    private final List<Item> items = new ArrayList<>();
    private final DnsDissector udp = DnsDissector.udp(FLOW, LIMITS, items::add);
    private final DnsDissector tcp = DnsDissector.tcp(FLOW, LIMITS, items::add);

    @AfterEach
    void everyItemSerialisesAndIndexesFollowEmissionOrder() {
        for (int i = 0; i < items.size(); i++) {
            assertThat(items.get(i).index()).isEqualTo(i);
            ItemJsonRoundTrip.check(items.get(i));
        }
    }

    @Test
    void responseCompletesTheItemOfItsQuery() {
        byte[] query = DnsWire.query(0x0101, "example.com", 1);
        byte[] answer = DnsWire.answerA(0x0101, "example.com", "192.0.2.1");
        datagram(udp, CLIENT_TO_SERVER, query, T0 + SECOND);
        datagram(udp, SERVER_TO_CLIENT, answer, T0 + SECOND + 2_500_000);

        assertThat(items).hasSize(1);
        Item item = items.getFirst();
        assertThat(item.id()).isEqualTo("node-a/udp-1-0-0");
        assertThat(item.protocol().layer4()).isEqualTo("udp");
        assertThat(item.timestamp()).isEqualTo((T0 + SECOND) / 1_000_000);
        assertThat(item.elapsedMicros()).isEqualTo(2500);
        assertThat(item.requestSize()).isEqualTo(query.length);
        assertThat(item.responseSize()).isEqualTo(answer.length);
        assertThat(item.error()).isNull();
        assertThat(item.request()).containsEntry("opCode", "Query").containsEntry("id", 0x0101)
                .containsEntry("questions", List.of(Map.of("name", "example.com", "type", "A", "class", "IN")));
        assertThat(item.response()).containsEntry("code", "No Error").containsEntry("rcode", 0)
                .containsEntry("truncated", false);
        assertThat(answers(item)).containsExactly(
                Map.of("name", "example.com", "type", "A", "class", "IN", "ttl", 300L, "ip", "192.0.2.1"));
    }

    @Test
    void unansweredQueryIsEmittedWithTimeoutOnceTheTimeoutHasPassed() {
        datagram(udp, CLIENT_TO_SERVER, DnsWire.query(7, "slow.example", 1), T0);

        udp.expire(T0 + 5 * SECOND - 1);
        assertThat(items).isEmpty();
        udp.expire(T0 + 5 * SECOND);

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.error()).isEqualTo(new ItemError(ItemError.TIMEOUT, "no response within 5000 ms"));
            assertThat(item.response()).isEmpty();
            assertThat(item.elapsedMicros()).isEqualTo(-1);
        });
    }

    @Test
    void responseArrivingAfterTheTimeoutIsNotPairedEvenWithoutAnExpireCall() {
        datagram(udp, CLIENT_TO_SERVER, DnsWire.query(7, "slow.example", 1), T0);
        datagram(udp, SERVER_TO_CLIENT, DnsWire.answerA(7, "slow.example", "192.0.2.9"), T0 + 6 * SECOND);

        assertThat(items).extracting(i -> i.error().type())
                .containsExactly(ItemError.TIMEOUT, ItemError.PAIR_NOT_FOUND);
    }

    @Test
    void responseWhoseQueryWasNotSeenIsEmittedAloneAsPairNotFound() {
        datagram(udp, SERVER_TO_CLIENT, DnsWire.answerA(9, "a.example", "192.0.2.9"), T0);

        Item item = items.getFirst();
        assertThat(item.request()).isEmpty();
        assertThat(item.requestSize()).isZero();
        assertThat(item.error()).isEqualTo(new ItemError(ItemError.PAIR_NOT_FOUND,
                "response with id 9 to a query that was not seen"));
        assertThat(item.timestamp()).isEqualTo(T0 / 1_000_000);
    }

    @Test
    void malformedResponseStillCompletesItsQueryWithADissectionError() {
        byte[] broken = DnsWire.header(5, 0x8183, 1, 0, 0, 0).pointer(12).u16(1).u16(1).toBytes();
        datagram(udp, CLIENT_TO_SERVER, DnsWire.query(5, "x.example", 1), T0);
        datagram(udp, SERVER_TO_CLIENT, broken, T0 + 1000);

        Item item = items.getFirst();
        assertThat(item.request()).containsEntry("id", 5);
        assertThat(item.response()).containsEntry("code", "Non-Existent Domain").containsEntry("questions", List.of());
        assertThat(item.elapsedMicros()).isEqualTo(1);
        assertThat(item.error()).isEqualTo(new ItemError(ItemError.DISSECTION,
                "compression pointer to 12 does not point before the labels it ends (12) at offset 12"));
    }

    @Test
    void messageShorterThanAHeaderIsADissectionItemOnItsSide() {
        datagram(udp, CLIENT_TO_SERVER, new byte[] {1, 2, 3, 4, 5}, T0);

        Item item = items.getFirst();
        assertThat(item.request()).isEmpty();
        assertThat(item.requestSize()).isEqualTo(5);
        assertThat(item.error().type()).isEqualTo(ItemError.DISSECTION);
        assertThat(item.error().msg()).isEqualTo("message of 5 bytes is shorter than the 12-byte header at offset 0");
    }

    @Test
    void oldestQueryIsEvictedWhenTooManyWait() {
        for (int id = 1; id <= 4; id++) {
            datagram(udp, CLIENT_TO_SERVER, DnsWire.query(id, "q" + id + ".example", 1), T0 + id);
        }

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.request()).containsEntry("id", 1);
            assertThat(item.error()).isEqualTo(new ItemError(ItemError.PAIR_NOT_FOUND,
                    "evicted unanswered: more than 3 queries were waiting on this flow"));
        });
    }

    @Test
    void repeatedQueryIdEndsThePreviousQueryAsTimedOut() {
        datagram(udp, CLIENT_TO_SERVER, DnsWire.query(4, "a.example", 1), T0);
        datagram(udp, CLIENT_TO_SERVER, DnsWire.query(4, "a.example", 1), T0 + SECOND);
        datagram(udp, SERVER_TO_CLIENT, DnsWire.answerA(4, "a.example", "192.0.2.4"), T0 + SECOND + 1000);

        assertThat(items).hasSize(2);
        assertThat(items.get(0).error())
                .isEqualTo(new ItemError(ItemError.TIMEOUT, "no response before the next query with id 4"));
        assertThat(items.get(1).error()).isNull();
        assertThat(items.get(1).elapsedMicros()).isEqualTo(1);
    }

    @Test
    void closingAUdpFlowEmitsWaitingQueriesAsTimeouts() {
        datagram(udp, CLIENT_TO_SERVER, DnsWire.query(1, "a.example", 1), T0);

        udp.close(T0 + SECOND, "idle");

        assertThat(items.getFirst().error())
                .isEqualTo(new ItemError(ItemError.TIMEOUT, "no response before the flow closed (idle)"));
    }

    @Test
    void closingATcpConnectionEmitsWaitingQueriesAsConnectionErrors() {
        stream(tcp, CLIENT_TO_SERVER, DnsWire.prefixed(DnsWire.query(1, "a.example", 1)), T0);

        tcp.close(T0 + SECOND, "both sides ended");

        assertThat(items.getFirst().protocol().layer4()).isEqualTo("tcp");
        assertThat(items.getFirst().error()).isEqualTo(new ItemError(ItemError.CONNECTION,
                "connection closed (both sides ended) before a response"));
    }

    @Test
    void tcpMessagesSplitAnywhereStillPair() {
        byte[] queries = DnsTcpFramerTest.concat(DnsWire.prefixed(DnsWire.query(1, "a.example", 1)),
                DnsWire.prefixed(DnsWire.query(2, "b.example", 1)));
        for (int i = 0; i < queries.length; i++) {
            tcp.data(CLIENT_TO_SERVER, queries, i, 1, T0 + i);
        }
        byte[] answers = DnsTcpFramerTest.concat(DnsWire.prefixed(DnsWire.answerA(2, "b.example", "192.0.2.2")),
                DnsWire.prefixed(DnsWire.answerA(1, "a.example", "192.0.2.1")));
        tcp.data(SERVER_TO_CLIENT, answers, 0, 5, T0 + SECOND);
        tcp.data(SERVER_TO_CLIENT, answers, 5, answers.length - 5, T0 + 2 * SECOND);

        assertThat(items).extracting(i -> i.request().get("id")).containsExactly(2, 1);
        assertThat(items).allSatisfy(i -> assertThat(i.error()).isNull());
        assertThat(items.getFirst().requestSize()).isEqualTo(DnsWire.query(2, "b.example", 1).length);
        assertThat(items.get(1).elapsedMicros()).isEqualTo((2 * SECOND) / 1000);
    }

    @Test
    void tcpGapInsideAResponseCompletesItsQueryWithAGapErrorAndFramingGoesOn() {
        stream(tcp, CLIENT_TO_SERVER, DnsTcpFramerTest.concat(DnsWire.prefixed(DnsWire.query(1, "a.example", 1)),
                DnsWire.prefixed(DnsWire.query(2, "b.example", 1))), T0);
        byte[] first = DnsWire.prefixed(DnsWire.answerA(1, "a.example", "192.0.2.1"));
        byte[] second = DnsWire.prefixed(DnsWire.answerA(2, "b.example", "192.0.2.2"));
        tcp.data(SERVER_TO_CLIENT, first, 0, 20, T0 + 10);
        tcp.gap(SERVER_TO_CLIENT, 5, T0 + 11);
        tcp.data(SERVER_TO_CLIENT, first, 25, first.length - 25, T0 + 12);
        stream(tcp, SERVER_TO_CLIENT, second, T0 + 13);

        assertThat(items).hasSize(2);
        assertThat(items.get(0).request()).containsEntry("id", 1);
        assertThat(items.get(0).response()).containsEntry("id", 1).containsEntry("answers", List.of());
        assertThat(items.get(0).error()).isEqualTo(new ItemError(ItemError.GAP,
                "5 bytes lost in capture inside a " + (first.length - 2) + "-byte message after 18 bytes"));
        assertThat(items.get(1).error()).isNull();
    }

    @Test
    void tcpGapAcrossALengthPrefixIsReportedOnceAndTheDirectionIsIgnored() {
        byte[] query = DnsWire.prefixed(DnsWire.query(1, "a.example", 1));
        stream(tcp, CLIENT_TO_SERVER, query, T0);
        tcp.gap(CLIENT_TO_SERVER, 40, T0 + 1);
        stream(tcp, CLIENT_TO_SERVER, query, T0 + 2);
        tcp.gap(CLIENT_TO_SERVER, 40, T0 + 3);
        stream(tcp, SERVER_TO_CLIENT, DnsWire.prefixed(DnsWire.answerA(1, "a.example", "192.0.2.1")), T0 + 4);

        assertThat(items).hasSize(2);
        assertThat(items.get(0).error()).isEqualTo(new ItemError(ItemError.GAP, "40 bytes lost in capture between"
                + " messages; message boundaries are lost, so the rest of the client-to-server stream is not"
                + " dissected"));
        assertThat(items.get(1).error()).isNull();
    }

    @Test
    void tcpStreamEndingInsideAMessageGivesAConnectionError() {
        byte[] query = DnsWire.prefixed(DnsWire.query(1, "a.example", 1));
        tcp.data(CLIENT_TO_SERVER, query, 0, 15, T0);
        tcp.end(CLIENT_TO_SERVER, true, T0 + 1);

        assertThat(items).isEmpty(); // the header was readable, so the query waits for its response
        tcp.close(T0 + 2, "reset");

        assertThat(items.getFirst().error()).isEqualTo(new ItemError(ItemError.CONNECTION,
                "client-to-server stream ended by RST inside a " + (query.length - 2)
                        + "-byte message after 13 bytes"));
        assertThat(items.getFirst().request()).containsEntry("id", 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> answers(Item item) {
        return (List<Map<String, Object>>) item.response().get("answers");
    }

    private static void datagram(DnsDissector d, Direction direction, byte[] message, long ts) {
        d.datagram(direction, message, 0, message.length, ts);
    }

    private static void stream(DnsDissector d, Direction direction, byte[] bytes, long ts) {
        d.data(direction, bytes, 0, bytes.length, ts);
    }
}
