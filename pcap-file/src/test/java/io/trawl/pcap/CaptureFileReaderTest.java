package io.trawl.pcap;

import io.trawl.model.packet.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureFileReaderTest {

    static final Path PCAPS = Path.of("../testdata/pcaps");
    private static final Path KEEPALIVE = PCAPS.resolve("http/keepalive-chunked-gzip.pcap");

    @TempDir
    Path dir;

    @Test
    void readsEveryPacketOfAClassicPcap() throws IOException {
        List<CapturedPacket> packets = CapturedPacket.readAll(KEEPALIVE);

        assertThat(packets).hasSize(32);
        assertThat(packets).allSatisfy(p -> assertThat(p.linkType()).isEqualTo(LinkType.ETHERNET));
        assertThat(packets.getFirst().data()).hasSize(packets.getFirst().originalLength());
    }

    @Test
    void nanosecondAndBigEndianVariantsYieldTheSamePackets() throws IOException {
        List<CapturedPacket> original = CapturedPacket.readAll(KEEPALIVE);
        for (boolean nanos : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                Path copy = dir.resolve("copy-" + nanos + "-" + order + ".pcap");
                CaptureFileWriter.pcap(copy, original, nanos, order);

                assertThat(CapturedPacket.readAll(copy)).as("nanos=%s order=%s", nanos, order).isEqualTo(original);
            }
        }
    }

    @Test
    void nanosecondTimestampsKeepEveryDigit() throws IOException {
        CapturedPacket p = new CapturedPacket(1_700_000_000_123_456_789L, LinkType.RAW, 20, new byte[20], null);
        Path file = dir.resolve("ns.pcap");
        CaptureFileWriter.pcap(file, List.of(p), true, ByteOrder.BIG_ENDIAN);

        assertThat(CapturedPacket.readAll(file).getFirst().timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 9, 3})
    void pcapngAtAnyDecimalResolutionMatchesThePcap(int resolution) throws IOException {
        List<CapturedPacket> original = CapturedPacket.readAll(KEEPALIVE);
        Path ng = dir.resolve("copy.pcapng");
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            CaptureFileWriter.pcapng(ng, original, resolution, order, "eth7");

            List<CapturedPacket> read = CapturedPacket.readAll(ng);
            long unit = (long) Math.pow(10, 9 - resolution);
            assertThat(read).hasSameSizeAs(original);
            for (int i = 0; i < read.size(); i++) {
                CapturedPacket expected = original.get(i);
                assertThat(read.get(i)).isEqualTo(new CapturedPacket(expected.timestampNanos() / unit * unit,
                        expected.linkType(), expected.originalLength(), expected.data(), "eth7"));
            }
        }
    }

    @Test
    void smallBuffersRefillAndGrowWithoutChangingAnything() throws IOException {
        for (Path file : List.of(KEEPALIVE, PCAPS.resolve("pcapng/multi-interface-dns.pcapng"))) {
            assertThat(CapturedPacket.readAll(file, 64)).isEqualTo(CapturedPacket.readAll(file));
        }
    }

    @Test
    void pcapngWithTwoInterfacesKeepsTheirNames() throws IOException {
        List<CapturedPacket> packets = CapturedPacket.readAll(PCAPS.resolve("pcapng/multi-interface-dns.pcapng"));

        assertThat(packets).hasSize(6);
        assertThat(packets.stream().map(CapturedPacket::iface).distinct()).hasSize(2).contains("eth0");
    }

    @Test
    void pcapngWithSectionsOfBothByteOrdersAndMixedLinkTypes() throws IOException {
        List<CapturedPacket> packets =
                CapturedPacket.readAll(PCAPS.resolve("pcapng/three-sections-mixed-endian-mixed-linktypes.pcapng"));

        // tshark lists 8 packets (and 3 custom blocks, which are not packets).
        assertThat(packets).hasSize(8);
        assertThat(packets.stream().map(CapturedPacket::linkType).distinct())
                .containsExactlyInAnyOrder(LinkType.ETHERNET, LinkType.NULL);
        assertThat(packets.stream().mapToInt(CapturedPacket::originalLength))
                .containsExactly(314, 342, 168, 314, 342, 314, 342, 168);
        assertThat(packets.stream().mapToInt(p -> p.data().length)).containsExactly(96, 96, 168, 128, 128, 128, 128, 168);
    }

    @Test
    void fileEndingInsideARecordDeliversTheEarlierPacketsThenNamesTheOffset() throws IOException {
        List<CapturedPacket> expected = CapturedPacket.readAll(KEEPALIVE);
        long lastRecord;
        try (CaptureFileReader reader = CaptureFileReader.open(KEEPALIVE)) {
            FilePacket p = new FilePacket();
            lastRecord = -1;
            while (reader.next(p)) {
                lastRecord = p.fileOffset;
            }
        }
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(KEEPALIVE), (int) lastRecord + 20));

        List<CapturedPacket> delivered = new java.util.ArrayList<>();
        try (CaptureFileReader reader = CaptureFileReader.open(cut)) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                delivered.add(CapturedPacket.copy(p));
            }
            throw new AssertionError("a truncated file was read to its end without an error");
        } catch (CaptureFileException e) {
            assertThat(delivered).isEqualTo(expected.subList(0, expected.size() - 1));
            assertThat(e.offset()).isEqualTo(lastRecord);
            assertThat(e).hasMessageStartingWith(cut + " at byte offset " + lastRecord + ": truncated capture")
                    .hasMessageContaining("ends inside a packet record");
        }
    }

    @Test
    void damagedRecordHeaderStopsAtTheDamageAfterTheGoodPackets() throws IOException {
        Path file = PCAPS.resolve("malformed/pcap-corrupt-record-header.pcap");
        FilePacket p = new FilePacket();
        int read = 0;
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            while (reader.next(p)) {
                read++;
            }
            throw new AssertionError("the damaged file was read without an error");
        } catch (CaptureFileException e) {
            assertThat(read).isEqualTo(1);
            assertThat(e.offset()).isEqualTo(24 + 16 + 188);
            assertThat(e).hasMessageContaining("claims 1409179648 captured bytes");
        }
    }

    @Test
    void unsupportedPcapngSectionVersionIsNamed() throws IOException {
        Path file = PCAPS.resolve("malformed/pcapng-unsupported-shb-version.pcapng");
        FilePacket p = new FilePacket();
        int read = 0;
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            while (reader.next(p)) {
                read++;
            }
            throw new AssertionError("the file was read without an error");
        } catch (CaptureFileException e) {
            assertThat(read).isEqualTo(1);
            assertThat(e).hasMessageContaining("unsupported pcapng section version 2.0");
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.pcap");

        assertThatThrownBy(() -> CaptureFileReader.open(missing))
                .isInstanceOf(CaptureFileException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void fileThatIsNotACaptureIsRefusedWithItsFirstBytes() throws IOException {
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "GET / HTTP/1.1\r\n");

        assertThatThrownBy(() -> CaptureFileReader.open(text))
                .hasMessageContaining(text + ": is not a pcap or pcapng capture: it starts with bytes 47 45 54 20");
    }

    @Test
    void tinyAndEmptyFilesAreRefused() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.pcap"));

        assertThatThrownBy(() -> CaptureFileReader.open(empty)).hasMessageContaining("has only 0 bytes");
        assertThatThrownBy(() -> CaptureFileReader.open(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void truncatedFileHeaderIsRefused() throws IOException {
        Path file = dir.resolve("header.pcap");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(KEEPALIVE), 10));

        assertThatThrownBy(() -> CaptureFileReader.open(file)).hasMessageContaining("truncated pcap file header");
    }
}
