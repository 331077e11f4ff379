package io.trawl.dissect.tcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TcpReassemblerTest {

    /** Records what the reassembler delivers: bytes, gaps as "[gap n]", and the end. */
    static final class Recorder implements TcpStreamListener {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();

        @Override
        public void data(byte[] buffer, int offset, int length, long timestampNanos) {
            bytes.write(buffer, offset, length);
            events.add(new String(buffer, offset, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void gap(long missing, long timestampNanos) {
            events.add("[gap " + missing + "]");
        }

        @Override
        public void end(boolean reset, long timestampNanos) {
            events.add(reset ? "[rst]" : "[fin]");
        }

        String text() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private final Recorder out = new Recorder();
    private final TcpReassembler r = new TcpReassembler(out, 1 << 20);

    private void seg(long seq, String data) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        r.segment(seq, false, false, false, b, 0, b.length, 0);
    }

    @Test
    void inOrderSegmentsAfterSynAreDeliveredAsTheyCome() {
        r.segment(1000, true, false, false, new byte[0], 0, 0, 0);
        seg(1001, "GET / ");
        seg(1007, "HTTP/1.1\r\n");

        assertThat(out.events).containsExactly("GET / ", "HTTP/1.1\r\n");
    }

    @Test
    void retransmissionsAreDroppedAndOverlapsTrimmed() {
        seg(1, "abcdef");
        seg(1, "abcdef");
        seg(4, "defghi");
        seg(2, "bc");

        assertThat(out.text()).isEqualTo("abcdefghi");
        assertThat(out.events).containsExactly("abcdef", "ghi");
    }

    @Test
    void outOfOrderSegmentsWaitForTheHoleToFill() {
        seg(10, "0123");
        seg(18, "89");
        seg(14, "4567");

        assertThat(out.events).containsExactly("0123", "4567", "89");
        assertThat(r.heldBytes()).isZero();
    }

    @Test
    void anyArrivalOrderWithDuplicatesGivesTheSameStream() {
        String stream = "The quick brown fox jumps over the lazy dog, again and again, until the capture ends.";
        Random random = new Random(42);
        for (int run = 0; run < 500; run++) {
            List<long[]> segments = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length()) {
                int len = 1 + random.nextInt(12);
                segments.add(new long[] {pos, Math.min(len, stream.length() - pos)});
                pos += len;
            }
            List<long[]> arrival = new ArrayList<>(segments);
            for (int d = random.nextInt(5); d > 0; d--) {
                arrival.add(segments.get(random.nextInt(segments.size())));
            }
            long isn = random.nextBoolean() ? 0xFFFFFFF0L : random.nextInt(1 << 30); // half of them wrap
            Collections.shuffle(arrival.subList(1, arrival.size()), random); // the first segment starts the stream
            Recorder recorder = new Recorder();
            TcpReassembler reassembler = new TcpReassembler(recorder, 1 << 20);
            for (long[] s : arrival) {
                byte[] b = stream.substring((int) s[0], (int) (s[0] + s[1])).getBytes(StandardCharsets.ISO_8859_1);
                reassembler.segment((isn + s[0]) & 0xFFFFFFFFL, false, false, false, b, 0, b.length, 0);
            }
            reassembler.close(0);

            assertThat(recorder.text()).as("run %d", run).isEqualTo(stream);
            assertThat(recorder.events).as("run %d", run).noneMatch(e -> e.startsWith("[gap"));
        }
    }

    @Test
    void sequenceNumbersWrapAroundTwoToTheThirtyTwo() {
        r.segment(0xFFFFFFFEL, true, false, false, new byte[0], 0, 0, 0);
        seg(0xFFFFFFFFL, "ab");
        seg(1, "cd");

        assertThat(out.text()).isEqualTo("abcd");
    }

    @Test
    void holeAcknowledgedByThePeerIsAGapAndTheRestFollows() {
        seg(100, "aaaa");
        seg(108, "cccc");
        r.peerAcknowledged(112, 0);

        assertThat(out.events).containsExactly("aaaa", "[gap 4]", "cccc");
        assertThat(r.gaps()).isEqualTo(1);
        assertThat(r.gapBytes()).isEqualTo(4);
    }

    @Test
    void acknowledgementBelowTheHoleChangesNothing() {
        seg(100, "aaaa");
        seg(108, "cccc");
        r.peerAcknowledged(104, 0);

        assertThat(out.events).containsExactly("aaaa");
        assertThat(r.heldBytes()).isEqualTo(4);
    }

    @Test
    void finEndsTheDirectionOnceEveryByteBeforeItArrived() {
        byte[] tail = "end".getBytes(StandardCharsets.ISO_8859_1);
        seg(1, "start-");
        r.segment(10, false, true, false, tail, 0, 3, 0);
        assertThat(out.events).containsExactly("start-");

        seg(7, "mid");

        assertThat(out.events).containsExactly("start-", "mid", "end", "[fin]");
        assertThat(r.ended()).isTrue();
    }

    @Test
    void closeReportsTheHoleBeforeAFinThatNeverFilled() {
        seg(1, "ab");
        r.segment(5, false, true, false, "ef".getBytes(StandardCharsets.ISO_8859_1), 0, 2, 0);
        r.close(0);

        assertThat(out.events).containsExactly("ab", "[gap 2]", "ef", "[fin]");
    }

    @Test
    void resetEndsAtOnceAfterWhatWasHeld() {
        seg(1, "ab");
        seg(5, "ef");
        r.segment(7, false, false, true, new byte[0], 0, 0, 0);
        seg(7, "late");

        assertThat(out.events).containsExactly("ab", "[gap 2]", "ef", "[rst]");
    }

    @Test
    void heldBytesNeverExceedTheBound() {
        TcpReassembler small = new TcpReassembler(out, 8);
        small.segment(0, false, false, false, "x".getBytes(), 0, 1, 0);
        for (int i = 0; i < 10; i++) {
            small.segment(10 + i * 4L, false, false, false, "abcd".getBytes(), 0, 4, 0);
            assertThat(small.heldBytes()).isLessThanOrEqualTo(8);
        }
        assertThat(out.events).contains("[gap 9]");
    }

    @Test
    void captureStartingMidConnectionStartsAtTheFirstSegment() {
        seg(5_000_000, "HTTP/1.1 200 OK\r\n");

        assertThat(out.text()).isEqualTo("HTTP/1.1 200 OK\r\n");
    }
}
