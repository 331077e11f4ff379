package io.trawl.dissect.ip;

import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.packet.LinkType;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IpDefragmenterTest {

    private static final Path PCAPS = Path.of("../testdata/pcaps");

    private static List<byte[]> frames(String file) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (CaptureFileReader reader = CaptureFileReader.open(PCAPS.resolve(file))) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                frames.add(Arrays.copyOfRange(p.buffer, p.offset, p.offset + p.length));
            }
        }
        return frames;
    }

    private static List<IpDefragmenter.Datagram> feed(IpDefragmenter defrag, List<byte[]> frames) {
        List<IpDefragmenter.Datagram> out = new ArrayList<>();
        DecodedPacket p = new DecodedPacket();
        for (byte[] frame : frames) {
            PacketDecoder.decode(LinkType.ETHERNET, frame, p);
            if (p.fragment) {
                IpDefragmenter.Datagram d = defrag.fragment(p, 0, -1);
                if (d != null) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    @Test
    void twoIpv4FragmentsOfAnIcmpEchoBecomeOneDatagramInEitherOrder() throws Exception {
        List<byte[]> frames = frames("frag/ipv4-icmp-echo-fragmented.pcap").subList(0, 2);
        List<byte[]> reversed = new ArrayList<>(frames);
        Collections.reverse(reversed);

        IpDefragmenter.Datagram inOrder = feed(new IpDefragmenter(16, 1), frames).getFirst();
        IpDefragmenter.Datagram outOfOrder = feed(new IpDefragmenter(16, 1), reversed).getFirst();

        // 996 + 452 bytes of IP, one 20-byte header: a 1428-byte datagram, like the unfragmented reply
        assertThat(inOrder.bytes()).hasSize(1428);
        assertThat(outOfOrder.bytes()).isEqualTo(inOrder.bytes());
        DecodedPacket whole = PacketDecoder.decode(inOrder.linkType(), inOrder.bytes(), new DecodedPacket());
        assertThat(whole.fragment).isFalse();
        assertThat(whole.icmpType).isEqualTo(8);
    }

    @Test
    void overlappingIpv4FragmentsKeepTheBytesThatArrivedFirst() throws Exception {
        List<IpDefragmenter.Datagram> out = feed(new IpDefragmenter(16, 1), frames("frag/ipv4-overlapping-tcp-fragments.pcap"));

        assertThat(out).hasSize(1);
        DecodedPacket whole = PacketDecoder.decode(out.getFirst().linkType(), out.getFirst().bytes(), new DecodedPacket());
        assertThat(whole.layer).isEqualTo(DecodedPacket.Layer.TRANSPORT);
        assertThat(whole.protocol).isEqualTo(DecodedPacket.TCP);
    }

    @Test
    void ipv6FragmentHeaderIsRemovedAndTheTransportHeaderFound() throws Exception {
        List<IpDefragmenter.Datagram> out = feed(new IpDefragmenter(16, 1), frames("frag/ipv6-in-vlan-tcp-fragments.pcap"));

        assertThat(out).hasSize(1);
        DecodedPacket whole = PacketDecoder.decode(LinkType.IPV6, out.getFirst().bytes(), new DecodedPacket());
        assertThat(whole.fragment).isFalse();
        assertThat(whole.protocol).isEqualTo(DecodedPacket.TCP);
        assertThat(whole.payloadLength).isEqualTo(1000);
    }

    @Test
    void aDatagramMissingAPieceIsDroppedAfterTheTimeout() throws Exception {
        IpDefragmenter defrag = new IpDefragmenter(16, 1_000);
        DecodedPacket p = new DecodedPacket();
        PacketDecoder.decode(LinkType.ETHERNET, frames("frag/ipv4-icmp-echo-fragmented.pcap").getFirst(), p);

        assertThat(defrag.fragment(p, 0, 7)).isNull();
        assertThat(defrag.oldestPendingOffset()).isEqualTo(7);
        PacketDecoder.decode(LinkType.ETHERNET, frames("frag/ipv6-in-vlan-tcp-fragments.pcap").getFirst(), p);
        defrag.fragment(p, 5_000, 8);

        assertThat(defrag.dropped()).isEqualTo(1);
        assertThat(defrag.oldestPendingOffset()).isEqualTo(8);
    }

    @Test
    void pendingDatagramsAreBounded() throws Exception {
        IpDefragmenter defrag = new IpDefragmenter(1, 1_000_000);
        DecodedPacket p = new DecodedPacket();
        PacketDecoder.decode(LinkType.ETHERNET, frames("frag/ipv4-icmp-echo-fragmented.pcap").getFirst(), p);
        defrag.fragment(p, 0, -1);
        PacketDecoder.decode(LinkType.ETHERNET, frames("frag/ipv6-in-vlan-tcp-fragments.pcap").getFirst(), p);
        defrag.fragment(p, 0, -1);

        assertThat(defrag.pending()).isEqualTo(1);
        assertThat(defrag.dropped()).isEqualTo(1);
    }
}
