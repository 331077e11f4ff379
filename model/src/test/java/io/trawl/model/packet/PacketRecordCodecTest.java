package io.trawl.model.packet;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.longRange;
import static org.quicktheories.generators.Generate.range;
import static org.quicktheories.generators.SourceDSL.strings;

class PacketRecordCodecTest {

    @Test
    void roundTripKeepsEveryField() {
        qt().withExamples(2000)
                .forAll(longRange(Long.MIN_VALUE, Long.MAX_VALUE), range(0, 0xFFFF),
                        byteArrays(range(0, 2000), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
                        strings().betweenCodePoints(0x20, 0xD7FF).ofLengthBetween(0, 60))
                .checkAssert((ts, link, data, name) -> {
                    int extra = (int) Math.floorMod(ts, 70_000L); // wire length beyond a snap length
                    PacketRecord record = new PacketRecord(ts, link, data.length + extra, data, name, "if-" + name);
                    assertThat(PacketRecordCodec.decode(PacketRecordCodec.encode(record))).isEqualTo(record);
                });
    }

    @Test
    void nanosecondsSurviveAndKafkaTimestampIsMillis() {
        long ts = 1_732_760_000_123_456_789L;
        PacketRecord r = new PacketRecord(ts, LinkType.ETHERNET, 60, new byte[60], "node-a", "eth0");

        PacketRecord back = PacketRecordCodec.decode(PacketRecordCodec.encode(r));

        assertThat(back.timestamp()).isEqualTo(Instant.ofEpochSecond(1_732_760_000L, 123_456_789L));
        assertThat(back.timestampMillis()).isEqualTo(1_732_760_000_123L);
        assertThat(back.truncated()).isFalse();
    }

    @Test
    void encodedSizeIsHeaderNamesAndBytes() {
        PacketRecord r = new PacketRecord(0, 1, 1514, new byte[100], "n1", "lo");

        assertThat(PacketRecordCodec.encode(r)).hasSize(16 + 1 + 2 + 1 + 2 + 100);
    }

    @Test
    void unknownVersionIsRefusedByName() {
        byte[] bytes = PacketRecordCodec.encode(new PacketRecord(0, 1, 4, new byte[4], "n", "i"));
        bytes[0] = 9;

        assertThatThrownBy(() -> PacketRecordCodec.decode(bytes))
                .isInstanceOf(PacketRecordFormatException.class)
                .hasMessageContaining("version 9").hasMessageContaining("reads version 1");
    }

    @Test
    void truncatedRecordIsRefused() {
        byte[] bytes = PacketRecordCodec.encode(new PacketRecord(0, 1, 4, new byte[4], "node", "eth0"));

        assertThatThrownBy(() -> PacketRecordCodec.decode(java.util.Arrays.copyOf(bytes, 19)))
                .isInstanceOf(PacketRecordFormatException.class).hasMessageContaining("node name");
    }

    @Test
    void nameLongerThan255BytesIsRefused() {
        assertThatThrownBy(() -> PacketRecordCodec.encoderFor("n".repeat(256), "eth0"))
                .hasMessageContaining("node name").hasMessageContaining("256 bytes");
    }

    @Test
    void nameThatIsNotUnicodeIsRefused() {
        assertThatThrownBy(() -> PacketRecordCodec.encoderFor("eth\uD800", "eth0"))
                .hasMessageContaining("not well-formed Unicode");
    }

    @Test
    void originalLengthBelowCapturedIsRefused() {
        assertThatThrownBy(() -> new PacketRecord(0, 1, 3, new byte[4], "n", "i"))
                .hasMessageContaining("original length 3");
    }
}
