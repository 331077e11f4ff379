package io.trawl.model.item;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The item writer gives the bytes Jackson's generator gave, for any value an item may hold. */
class ItemJsonSameAsJacksonTest {

    /** Characters that JSON escapes or encodes differently, and plain ones. */
    private static final String ALPHABET = "aZ09 /~\u007f\"\\\b\t\n\f\r\u0000\u0001\u001f\u00e9\u00ff\u0100\u07ff\u0800"
            + "\u20ac\u2028\uffff\ufeff";

    @Test
    void randomItemsAreWrittenByteForByteAsJacksonWroteThem() {
        Random random = new Random(20261128);
        for (int n = 0; n < 1_500; n++) {
            Item item = item(random, n);
            assertThat(new String(ItemJson.toBytes(item), StandardCharsets.UTF_8))
                    .as("item %d", n)
                    .isEqualTo(new String(JacksonItemJson.toBytes(item), StandardCharsets.UTF_8));
        }
    }

    @Test
    void oneWriterForManyItemsGivesTheItemsLineByLine() {
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ItemJson.Writer writer = ItemJson.writer(out);
        for (int n = 0; n < 300; n++) {
            Item item = item(random, n);
            expected.writeBytes(JacksonItemJson.toBytes(item));
            expected.write('\n');
            writer.writeLine(item);
        }
        writer.flush();

        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void bytesAndStringsOfTheSameTextAreWrittenAlike() {
        String text = "line \"one\"\n\ttab \\ caf\u00e9 \ud83d\ude00 \u0007".repeat(1_000);
        byte[] utf8 = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);

        Item fromBytes = withRequest(Map.of("text", Utf8Text.ofValidUtf8(utf8, 2, utf8.length - 4)));
        Item fromString = withRequest(Map.of("text", text));

        assertThat(ItemJson.toBytes(fromBytes)).isEqualTo(ItemJson.toBytes(fromString))
                .isEqualTo(JacksonItemJson.toBytes(fromString));
    }

    private static Item withRequest(Map<String, Object> request) {
        return new Item("n/s-0", 0, "s", "n", Protocol.http("1.1"), Endpoint.of("10.0.0.1", 1),
                Endpoint.of("10.0.0.2", 2), 1L, "t", request, Map.of(), 0, 0, -1, null);
    }

    private static Item item(Random r, int n) {
        Protocol protocol = r.nextBoolean() ? Protocol.http("1.1") : Protocol.dns(r.nextBoolean() ? "udp" : "tcp");
        ItemError error = r.nextInt(4) == 0 ? new ItemError(text(r), text(r)) : null;
        return new Item(text(r), r.nextInt(Integer.MAX_VALUE), nullable(r), nullable(r), protocol,
                new Endpoint(nullable(r), nullable(r), nullable(r), nullable(r)),
                Endpoint.of("10.0.0.2", r.nextInt(65536)), r.nextLong(), nullable(r), map(r, 3), map(r, 3),
                r.nextLong(), r.nextInt(), r.nextInt(3) == 0 ? -1 : r.nextLong() & Long.MAX_VALUE, error);
    }

    private static Map<String, Object> map(Random r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int size = r.nextInt(6);
        for (int i = 0; i < size; i++) {
            m.put(text(r), value(r, depth - 1));
        }
        return m;
    }

    private static Object value(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 14 : 12);
        return switch (kind) {
            case 0 -> null;
            case 1, 2 -> text(r);
            case 3 -> utf8(r);
            case 4 -> r.nextInt();
            case 5 -> switch (r.nextInt(4)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> (long) r.nextInt(10);
                default -> r.nextLong();
            };
            case 6 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e20, 1.0 / 3, 100.0, r.nextDouble())
                    .get(r.nextInt(7));
            case 7 -> r.nextFloat();
            case 8 -> BigInteger.valueOf(r.nextLong()).multiply(BigInteger.TEN.pow(r.nextInt(30)));
            case 9 -> r.nextBoolean();
            case 10 -> Utf8Text.of(text(r));
            case 11 -> new StringBuilder(text(r));
            case 12 -> map(r, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                int size = r.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(value(r, depth - 1));
                }
                yield list;
            }
        };
    }

    private static String nullable(Random r) {
        return r.nextInt(8) == 0 ? null : text(r);
    }

    /** Mostly short, sometimes longer than the writer's buffer; with surrogate pairs and lone surrogates. */
    private static String text(Random r) {
        int length = r.nextInt(400) == 0 ? 70_000 + r.nextInt(1000) : r.nextInt(30);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(20)) {
                case 0 -> s.append("\ud83d\ude00");
                case 1 -> s.append((char) (0xD800 + r.nextInt(0x800)));
                case 2, 3 -> s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                default -> s.append((char) (0x20 + r.nextInt(0x5F)));
            }
        }
        return s.toString();
    }

    /** UTF-8 bytes of a text without lone surrogates, inside a larger array. */
    private static Utf8Text utf8(Random r) {
        String text = text(r).replaceAll("[\\ud800-\\udfff]", "s");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        return Utf8Text.ofValidUtf8(padded, 3, bytes.length);
    }
}
