package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.stream.Direction;
import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted TCP conversation (data, gaps and ends per direction, in order) fed to an {@link HttpConnection}:
 * whole, byte by byte, and split in two at every point of every data event, as Netty's EmbeddedChannel tests
 * do. Every item made is checked to serialise with {@link ItemJson} and to parse back with Jackson.
 */
final class Conversation {

    static final FlowContext CONTEXT = new FlowContext(Endpoint.of("10.0.0.1", 40000), Endpoint.of("10.0.0.2", 80),
            "node-1", "tcp-1f2e3d4c-1700000000000000000", 1_700_000_000_000_000_000L);
    static final long START = 1_700_000_000_000_000_000L;

    private sealed interface Event permits Data, Gap, End {
    }

    private record Data(Direction direction, byte[] bytes, long nanos) implements Event {
    }

    private record Gap(Direction direction, long missing, long nanos) implements Event {
    }

    private record End(Direction direction, boolean reset, long nanos) implements Event {
    }

    /**
     * What one feeding gave.
     *
     * @param beforeClose items emitted before {@code close}
     * @param pendingBeforeClose whether the connection still held anything just before {@code close}
     * @param all         every item, {@code close} included
     */
    record Run(List<Item> beforeClose, boolean pendingBeforeClose, List<Item> all) {

        JsonNode json(int i) {
            return ItemJsonCheck.roundTrip(all.get(i));
        }
    }

    private final List<Event> events = new ArrayList<>();
    private DissectorLimits limits = DissectorLimits.defaults();
    private boolean leavesPending;
    private long clock = START;

    /** The conversation ends with something unfinished; by default nothing may be left over before close. */
    Conversation leavesPending() {
        this.leavesPending = true;
        return this;
    }

    Conversation limits(DissectorLimits limits) {
        this.limits = limits;
        return this;
    }

    Conversation request(String text) {
        return data(Direction.CLIENT_TO_SERVER, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    Conversation response(String text) {
        return data(Direction.SERVER_TO_CLIENT, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    Conversation request(byte[] bytes) {
        return data(Direction.CLIENT_TO_SERVER, bytes);
    }

    Conversation response(byte[] bytes) {
        return data(Direction.SERVER_TO_CLIENT, bytes);
    }

    Conversation data(Direction direction, byte[] bytes) {
        events.add(new Data(direction, bytes, tick()));
        return this;
    }

    Conversation gap(Direction direction, long missing) {
        events.add(new Gap(direction, missing, tick()));
        return this;
    }

    Conversation end(Direction direction, boolean reset) {
        events.add(new End(direction, reset, tick()));
        return this;
    }

    /** Moves the clock on before the next event. */
    Conversation after(long nanos) {
        clock += nanos;
        return this;
    }

    private long tick() {
        clock += 1_000_000;
        return clock;
    }

    Run whole() {
        Run whole = feed(-1, -1, false);
        assertThat(whole.pendingBeforeClose()).as("left over before close").isEqualTo(leavesPending);
        return whole;
    }

    /**
     * Feeds the conversation whole, byte by byte, and split at every point; asserts all give the same items.
     *
     * @return the items of the whole feeding
     */
    Run sameAtEverySplit() {
        Run whole = whole();
        assertSame(feed(-1, -1, true), whole, "byte by byte");
        for (int e = 0; e < events.size(); e++) {
            if (events.get(e) instanceof Data data) {
                for (int split = 1; split < data.bytes().length; split++) {
                    assertSame(feed(e, split, false), whole, "event " + e + " split at " + split);
                }
            }
        }
        return whole;
    }

    private static void assertSame(Run run, Run whole, String how) {
        assertThat(run.pendingBeforeClose()).as(how).isEqualTo(whole.pendingBeforeClose());
        assertThat(jsonLines(run.beforeClose())).as(how).isEqualTo(jsonLines(whole.beforeClose()));
        assertThat(jsonLines(run.all())).as(how).isEqualTo(jsonLines(whole.all()));
    }

    private static List<String> jsonLines(List<Item> items) {
        return items.stream().map(i -> new String(ItemJson.toBytes(i), StandardCharsets.UTF_8)).toList();
    }

    private Run feed(int splitEvent, int splitAt, boolean byteByByte) {
        List<Item> items = new ArrayList<>();
        HttpConnection connection = new HttpConnection(CONTEXT, limits, items::add);
        for (int e = 0; e < events.size(); e++) {
            boolean split = e == splitEvent;
            switch (events.get(e)) {
                case Data(Direction d, byte[] b, long t) when byteByByte -> {
                    for (int i = 0; i < b.length; i++) {
                        connection.data(d, b, i, 1, t);
                    }
                }
                case Data(Direction d, byte[] b, long t) when split -> {
                    // copies, so that nothing may keep a reference past the call
                    byte[] first = Arrays.copyOfRange(b, 0, splitAt);
                    byte[] second = Arrays.copyOfRange(b, splitAt, b.length);
                    connection.data(d, first, 0, first.length, t);
                    connection.data(d, second, 0, second.length, t);
                }
                case Data(Direction d, byte[] b, long t) -> {
                    byte[] padded = new byte[b.length + 6];
                    System.arraycopy(b, 0, padded, 3, b.length);
                    connection.data(d, padded, 3, b.length, t);
                }
                case Gap(Direction d, long missing, long t) -> connection.gap(d, missing, t);
                case End(Direction d, boolean reset, long t) -> connection.end(d, reset, t);
            }
        }
        List<Item> beforeClose = List.copyOf(items);
        boolean pending = connection.hasPending();
        connection.close(clock + 1_000_000, "test over");
        items.forEach(ItemJsonCheck::roundTrip);
        return new Run(beforeClose, pending, List.copyOf(items));
    }
}
