package io.trawl.dissect.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.stream.Direction;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer 3: any bytes, split any way between the two directions, with gaps and ends among them, never make
 * {@link HttpConnection} throw, and every item it makes serialises to JSON that parses, with its own index.
 *
 * <p>Input layout (Jazzer's {@link FuzzedDataProvider} takes numbers from the end, bytes from the front): the
 * conversation bytes, then a long seeding the schedule, then one byte choosing the limits. The conversation is
 * cut into a request part and a response part at its first line starting {@code HTTP/}, or in half. The seeds
 * in {@code HttpConnectionFuzzTestInputs/} are real conversations followed by nine zero bytes. Under plain
 * {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}.
 */
class HttpConnectionFuzzTest {

    private static final DissectorLimits[] LIMITS = {
        DissectorLimits.defaults(),
        new DissectorLimits(24, 64, 8, 16, 2, 1_000_000_000L),
        new DissectorLimits(256, 1024, 512, 256, 4, 50_000_000L),
    };

    @FuzzTest(maxDuration = "60s")
    void arbitraryBytesNeverEscapeAsExceptions(FuzzedDataProvider data) {
        DissectorLimits limits = LIMITS[data.consumeInt(0, LIMITS.length - 1)];
        Random schedule = new Random(data.consumeLong());
        byte[] wire = data.consumeRemainingAsBytes();
        int split = responseStart(wire);
        byte[][] parts = {Arrays.copyOfRange(wire, 0, split), Arrays.copyOfRange(wire, split, wire.length)};
        int[] fed = new int[2];

        Set<Integer> indexes = new HashSet<>();
        HttpConnection connection = new HttpConnection(Conversation.CONTEXT, limits, item -> {
            ItemJsonCheck.roundTrip(item);
            assertThat(indexes.add(item.index())).as("index %d used twice", item.index()).isTrue();
        });
        long nanos = Conversation.START;
        while (fed[0] < parts[0].length || fed[1] < parts[1].length) {
            int d = fed[1] >= parts[1].length || fed[0] < parts[0].length && schedule.nextBoolean() ? 0 : 1;
            Direction direction = Direction.values()[d];
            nanos += schedule.nextInt(100) * 1_000_000L;
            switch (schedule.nextInt(16)) {
                case 0 -> connection.gap(direction, 1 + schedule.nextInt(64), nanos);
                case 1 -> fed[d] += 1 + schedule.nextInt(8);
                default -> {
                    int n = Math.min(parts[d].length - fed[d], 1 + schedule.nextInt(48));
                    connection.data(direction, parts[d], fed[d], n, nanos);
                    fed[d] += n;
                }
            }
        }
        if (schedule.nextBoolean()) {
            connection.end(Direction.SERVER_TO_CLIENT, schedule.nextBoolean(), nanos);
        }
        if (schedule.nextBoolean()) {
            connection.end(Direction.CLIENT_TO_SERVER, schedule.nextBoolean(), nanos);
        }
        connection.close(nanos, "fuzz");
    }

    private static int responseStart(byte[] wire) {
        byte[] marker = "\nHTTP/".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length <= wire.length; i++) {
            if (Arrays.equals(wire, i, i + marker.length, marker, 0, marker.length)) {
                return i + 1;
            }
        }
        return wire.length / 2;
    }
}
