package io.trawl.pcap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureWriterTest {

    private static final Path DNS = CaptureFileReaderTest.PCAPS.resolve("dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap");
    private static final Path SLL2 = CaptureFileReaderTest.PCAPS.resolve("linktype/sll2-icmp-icmpv6-arp.pcap");

    @TempDir
    Path dir;

    @Test
    void pcapWrittenReadsBackAsTheSamePacketsInTsharkToo() throws IOException, InterruptedException {
        List<CapturedPacket> packets = CapturedPacket.readAll(DNS);
        Path file = dir.resolve("copy.pcap");
        try (CaptureWriter writer = new PcapWriter(Files.newOutputStream(file), packets.getFirst().linkType())) {
            writeAll(writer, packets);
        }

        assertThat(CapturedPacket.readAll(file)).isEqualTo(withoutInterfaces(packets));
        assertThat(TsharkAgreementTest.tshark(file)).isEqualTo(TsharkAgreementTest.tshark(DNS));
    }

    @Test
    void pcapngKeepsPacketsOfSeveralLinkTypesInOrder() throws IOException, InterruptedException {
        List<CapturedPacket> packets = new ArrayList<>(CapturedPacket.readAll(SLL2).subList(0, 3));
        packets.addAll(CapturedPacket.readAll(DNS).subList(0, 3));
        packets.add(CapturedPacket.readAll(SLL2).get(3));
        Path file = dir.resolve("mixed.pcapng");
        try (CaptureWriter writer = new PcapngWriter(Files.newOutputStream(file))) {
            writeAll(writer, packets);
        }

        assertThat(CapturedPacket.readAll(file)).isEqualTo(withoutInterfaces(packets));
        assertThat(TsharkAgreementTest.tshark(file)).hasSize(packets.size());
    }

    @Test
    void pcapRefusesASecondLinkType() throws IOException {
        CapturedPacket sll2 = CapturedPacket.readAll(SLL2).getFirst();
        try (CaptureWriter writer = new PcapWriter(OutputStream.nullOutputStream(), 1)) {
            assertThatThrownBy(() -> writer.write(sll2.timestampNanos(), sll2.linkType(), sll2.originalLength(),
                    sll2.data(), 0, sll2.data().length))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a pcap file holds packets of one link type: this one is 1, the packet's 276"
                            + " (write pcapng for several)");
        }
    }

    @Test
    void bothFormatsRefuseALinkTypeOutsideSixteenBits() throws IOException {
        assertThatThrownBy(() -> new PcapWriter(OutputStream.nullOutputStream(), 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("link type 65536 is outside 0..65535");
        try (CaptureWriter writer = new PcapngWriter(OutputStream.nullOutputStream())) {
            assertThatThrownBy(() -> writer.write(0, -1, 1, new byte[1], 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("link type -1 is outside 0..65535");
        }
    }

    private static void writeAll(CaptureWriter writer, List<CapturedPacket> packets) throws IOException {
        for (CapturedPacket p : packets) {
            writer.write(p.timestampNanos(), p.linkType(), p.originalLength(), p.data(), 0, p.data().length);
        }
    }

    private static List<CapturedPacket> withoutInterfaces(List<CapturedPacket> packets) {
        return packets.stream().map(CapturedPacket::withoutInterface).toList();
    }
}
