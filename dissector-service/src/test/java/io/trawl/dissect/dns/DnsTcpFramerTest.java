package io.trawl.dissect.dns;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DnsTcpFramerTest {

    private static final byte[] FIRST = DnsWire.query(1, "example.com", 1);
    private static final byte[] SECOND = DnsParserTest.richResponse();
    private static final byte[] THIRD = DnsWire.answerA(3, "a.example.org", "192.0.2.7");
    private static final byte[] STREAM = concat(DnsWire.prefixed(FIRST), DnsWire.prefixed(SECOND),
            DnsWire.prefixed(THIRD));

    private final List<byte[]> messages = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();
    private final DnsTcpFramer framer = new DnsTcpFramer((b, off, len, ts) -> {
        messages.add(Arrays.copyOfRange(b, off, off + len));
        timestamps.add(ts);
    });

    @Test
    void wholeStreamInOnePieceGivesEachMessage() {
        framer.feed(STREAM, 0, STREAM.length, 7);

        assertThat(messages).containsExactly(FIRST, SECOND, THIRD);
        assertNothingLeftOver();
    }

    @Test
    void streamFedByteByByteGivesTheSameMessages() {
        for (int i = 0; i < STREAM.length; i++) {
            framer.feed(STREAM, i, 1, i);
        }

        assertThat(messages).containsExactly(FIRST, SECOND, THIRD);
        assertThat(timestamps).containsExactly(0L, (long) FIRST.length + 2, (long) FIRST.length + SECOND.length + 4);
        assertNothingLeftOver();
    }

    @Test
    void everySplitIntoTwoOrThreePiecesGivesTheSameMessages() {
        for (int i = 0; i <= STREAM.length; i++) {
            for (int j = i; j <= STREAM.length; j += 7) {
                List<byte[]> seen = new ArrayList<>();
                DnsTcpFramer f = new DnsTcpFramer((b, off, len, ts) -> seen.add(Arrays.copyOfRange(b, off, off + len)));
                f.feed(STREAM, 0, i, 0);
                f.feed(STREAM, i, j - i, 1);
                f.feed(STREAM, j, STREAM.length - j, 2);

                assertThat(seen).as("split at %d and %d", i, j).containsExactly(FIRST, SECOND, THIRD);
                assertThat(f.state()).isEqualTo(DnsTcpFramer.State.LENGTH);
                assertThat(f.end()).isNull();
            }
        }
    }

    @Test
    void partialMessageWaitsForMoreBytes() {
        framer.feed(STREAM, 0, 5, 1);

        assertThat(messages).isEmpty();
        assertThat(framer.state()).isEqualTo(DnsTcpFramer.State.BODY);
    }

    @Test
    void timestampOfAMessageIsThatOfItsFirstByte() {
        framer.feed(STREAM, 0, 1, 100);
        framer.feed(STREAM, 1, FIRST.length + 1, 200);

        assertThat(timestamps).containsExactly(100L);
    }

    @Test
    void zeroLengthMessageIsHandedOverForTheParserToReject() {
        framer.feed(new byte[] {0, 0}, 0, 2, 1);

        assertThat(messages).containsExactly(new byte[0]);
    }

    @Test
    void gapInsideABodySkipsToTheNextMessage() {
        int cut = 2 + FIRST.length + 2 + 20;
        framer.feed(STREAM, 0, cut, 1);
        DnsTcpFramer.Partial damaged = framer.gap(10);
        int resume = cut + 10;
        framer.feed(STREAM, resume, STREAM.length - resume, 2);

        assertThat(damaged.length()).isEqualTo(SECOND.length);
        assertThat(damaged.received()).isEqualTo(Arrays.copyOf(SECOND, 20));
        assertThat(messages).containsExactly(FIRST, THIRD);
        assertNothingLeftOver();
    }

    @Test
    void gapThatEndsExactlyAtAMessageEndResumesAtTheNextPrefix() {
        int cut = 2 + FIRST.length + 2 + 20;
        framer.feed(STREAM, 0, cut, 1);
        framer.gap(SECOND.length - 20);
        int resume = 2 + FIRST.length + 2 + SECOND.length;
        framer.feed(STREAM, resume, STREAM.length - resume, 2);

        assertThat(messages).containsExactly(FIRST, THIRD);
    }

    @Test
    void gapAcrossALengthPrefixStopsFramingAndCountsWhatFollows() {
        framer.feed(STREAM, 0, 2 + FIRST.length, 1);
        assertThat(framer.gap(3)).isNull();
        framer.feed(STREAM, 2 + FIRST.length + 3, 10, 2);

        assertThat(framer.state()).isEqualTo(DnsTcpFramer.State.STOPPED);
        assertThat(framer.ignoredBytes()).isEqualTo(10);
        assertThat(messages).containsExactly(FIRST);
    }

    @Test
    void gapRunningPastTheEndOfTheMessageReportsItAndStops() {
        framer.feed(STREAM, 0, 2 + FIRST.length + 2 + 20, 1);
        DnsTcpFramer.Partial damaged = framer.gap(SECOND.length);

        assertThat(damaged.received()).hasSize(20);
        assertThat(framer.state()).isEqualTo(DnsTcpFramer.State.STOPPED);
    }

    @Test
    void endInsideAMessageReturnsWhatArrived() {
        framer.feed(STREAM, 0, 2 + 5, 9);

        DnsTcpFramer.Partial cut = framer.end();

        assertThat(cut).isNotNull();
        assertThat(cut.length()).isEqualTo(FIRST.length);
        assertThat(cut.received()).isEqualTo(Arrays.copyOf(FIRST, 5));
        assertThat(cut.timestampNanos()).isEqualTo(9);
    }

    @Test
    void endInsideALengthPrefixReportsAnUnknownLength() {
        framer.feed(STREAM, 0, 1, 9);

        assertThat(framer.end().length()).isEqualTo(-1);
    }

    private void assertNothingLeftOver() {
        assertThat(framer.state()).isEqualTo(DnsTcpFramer.State.LENGTH);
        assertThat(framer.end()).isNull();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
