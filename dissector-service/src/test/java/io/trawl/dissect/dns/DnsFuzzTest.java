package io.trawl.dissect.dns;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.stream.Direction;
import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer targets for the DNS decoders. Under {@code mvn test} they run once per seed in
 * {@code DnsFuzzTestInputs/<method>/}; to fuzz, run with {@code JAZZER_FUZZ=1} and {@code -Dtest=DnsFuzzTest#<method>}.
 */
class DnsFuzzTest {

    private static final FlowContext FLOW = new FlowContext(Endpoint.of("192.0.2.1", 40000),
            Endpoint.of("192.0.2.53", 53), "fuzz", "tcp-0-0", 0);
    private static final HexFormat HEX = HexFormat.of();
    private static final DissectorLimits LIMITS = new DissectorLimits(1024, 1024, 0, 0, 4, 1_000_000_000L);

    /** The parser gives a message or a {@link DnsFormatException}, never another exception, a hang or an overflow. */
    @FuzzTest
    void parserGivesAMessageOrAFormatError(byte[] input) {
        try {
            DnsMessage message = DnsParser.parse(input, 0, input.length);
            DnsItemMapper.response(message);
        } catch (DnsFormatException expected) {
            assertThat(expected.offset()).isBetween(0, input.length);
        }
    }

    /** However a stream is cut into pieces, the framer gives the same messages and ends in the same state. */
    @FuzzTest
    void framerGivesTheSameMessagesHoweverTheStreamIsCut(FuzzedDataProvider data) {
        long cutSeed = data.consumeLong();
        byte[] stream = data.consumeRemainingAsBytes();

        List<String> whole = new ArrayList<>();
        DnsTcpFramer one = new DnsTcpFramer((b, off, len, ts) -> whole.add(HEX.formatHex(b, off, off + len)));
        one.feed(stream, 0, stream.length, 0);

        List<String> cut = new ArrayList<>();
        DnsTcpFramer pieces = new DnsTcpFramer((b, off, len, ts) -> cut.add(HEX.formatHex(b, off, off + len)));
        Random random = new Random(cutSeed);
        for (int pos = 0; pos < stream.length; ) {
            int n = Math.min(stream.length - pos, 1 + random.nextInt(8));
            byte[] piece = Arrays.copyOfRange(stream, pos, pos + n); // a fresh array, as the reassembler gives
            pieces.feed(piece, 0, n, pos);
            pos += n;
        }

        assertThat(cut).isEqualTo(whole);
        assertThat(pieces.state()).isEqualTo(one.state());
    }

    /** Any sequence of data, gaps and ends on a TCP connection gives items that serialise, and nothing else. */
    @FuzzTest
    void dissectorTurnsAnyConnectionIntoItems(FuzzedDataProvider data) {
        List<Item> items = new ArrayList<>();
        DnsDissector dissector = DnsDissector.tcp(FLOW, LIMITS, items::add);
        long ts = 0;
        for (int step = 0; step < 64 && data.remainingBytes() > 0; step++) {
            Direction direction = data.consumeBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            ts += data.consumeLong(0, 2_000_000_000L);
            switch (data.consumeInt(0, 9)) {
                case 0 -> dissector.gap(direction, data.consumeLong(1, 100_000), ts);
                case 1 -> dissector.end(direction, data.consumeBoolean(), ts);
                case 2 -> dissector.expire(ts);
                default -> {
                    byte[] bytes = data.consumeBytes(data.consumeInt(0, 600));
                    dissector.data(direction, bytes, 0, bytes.length, ts);
                }
            }
        }
        dissector.close(ts, "fuzz");

        for (Item item : items) {
            assertThat(ItemJson.toBytes(item)).isNotEmpty();
        }
    }
}
