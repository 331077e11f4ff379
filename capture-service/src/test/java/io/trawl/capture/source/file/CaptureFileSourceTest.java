package io.trawl.capture.source.file;

import io.trawl.capture.source.CaptureException;
import io.trawl.model.packet.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CaptureFileSourceTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_600_000_000L * SECOND;

    @TempDir
    Path dir;

    private Path threePacketsOverHalfASecond() throws Exception {
        Path file = dir.resolve("paced.pcap");
        ByteBuffer pcap = ByteBuffer.allocate(24 + 3 * (16 + 20)).order(ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xA1B23C4D).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LinkType.RAW);
        for (long ts : new long[] {T0, T0 + SECOND / 4, T0 + SECOND / 2}) {
            pcap.putInt((int) (ts / SECOND)).putInt((int) (ts % SECOND)).putInt(20).putInt(20).put(new byte[20]);
        }
        Files.write(file, pcap.array());
        return file;
    }

    private static List<Long> replay(CaptureFileSource source) throws CaptureException {
        List<Long> timestamps = new ArrayList<>();
        source.run((ts, link, orig, data, off, len, iface) -> timestamps.add(ts));
        return timestamps;
    }

    @Test
    void recordedPaceTimesTwoTakesHalfTheRecordedSpan() throws Exception {
        CaptureFileSource source = CaptureFileSource.open(threePacketsOverHalfASecond(), 2, false, false);

        long started = System.nanoTime();
        List<Long> timestamps = replay(source);
        long elapsed = System.nanoTime() - started;

        assertThat(timestamps).containsExactly(T0, T0 + SECOND / 4, T0 + SECOND / 2);
        assertThat(elapsed).isGreaterThanOrEqualTo(SECOND / 4 - 5_000_000);
    }

    @Test
    void retimeShiftsTheFirstPacketToNowAndKeepsTheGaps() throws Exception {
        CaptureFileSource source = CaptureFileSource.open(threePacketsOverHalfASecond(), 0, false, true);
        long before = System.currentTimeMillis() * 1_000_000L;

        List<Long> timestamps = replay(source);

        assertThat(timestamps.getFirst()).isBetween(before, System.currentTimeMillis() * 1_000_000L);
        assertThat(timestamps.get(1) - timestamps.get(0)).isEqualTo(SECOND / 4);
        assertThat(timestamps.get(2) - timestamps.get(1)).isEqualTo(SECOND / 4);
    }

    @Test
    void loopReplaysAgainWithEverIncreasingTimesUntilStopped() throws Exception {
        CaptureFileSource source = CaptureFileSource.open(threePacketsOverHalfASecond(), 0, true, true);
        List<Long> timestamps = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                source.run((ts, link, orig, data, off, len, iface) -> timestamps.add(ts));
            } catch (CaptureException e) {
                throw new IllegalStateException(e);
            }
        });

        await().until(() -> timestamps.size() >= 9);
        source.stop();
        run.get();

        List<Long> copy = List.copyOf(timestamps);
        for (int i = 1; i < copy.size(); i++) {
            assertThat(copy.get(i)).isGreaterThan(copy.get(i - 1));
        }
    }

    @Test
    void negativeSpeedIsRefused() throws Exception {
        Path file = threePacketsOverHalfASecond();

        assertThatThrownBy(() -> CaptureFileSource.open(file, -1, false, false))
                .isInstanceOf(CaptureException.class).hasMessageContaining("replay speed -1.0");
    }
}
