package io.trawl.model.decode;

import io.trawl.model.packet.LinkType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.trawl.model.decode.Frames.concat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.range;
import static org.assertj.core.api.Assertions.assertThat;

class PacketDecoderTest {

    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};
    private final DecodedPacket out = new DecodedPacket();

    @Test
    void ethernetIpv4TcpYieldsPortsFlagsAndPayload() {
        byte[] payload = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Frames.ethernetIpv4(A, 51234, B, 80, DecodedPacket.TCP, payload);

        PacketDecoder.decode(LinkType.ETHERNET, frame, out);

        assertThat(out.layer).isEqualTo(DecodedPacket.Layer.TRANSPORT);
        assertThat(out.ipVersion).isEqualTo(4);
        assertThat(out.srcPort).isEqualTo(51234);
        assertThat(out.dstPort).isEqualTo(80);
        assertThat(out.tcpFlags).isEqualTo(0x18);
        assertThat(out.tcpSeq).isEqualTo(1L << 24);
        assertThat(new String(frame, out.payloadOffset, out.payloadLength, StandardCharsets.US_ASCII))
                .isEqualTo("GET / HTTP/1.1\r\n");
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = concat(Frames.ethernetIpv4(A, 1, B, 2, DecodedPacket.TCP, new byte[0]), new byte[6]);

        PacketDecoder.decode(LinkType.ETHERNET, frame, out);

        assertThat(out.payloadLength).isZero();
    }

    @Test
    void stackedVlanTagsAreSkipped() {
        byte[] ip = Frames.ipv4(A, B, DecodedPacket.UDP, Frames.transport(DecodedPacket.UDP, 5353, 53, new byte[4]));
        byte[] frame = concat(new byte[12], new byte[] {(byte) 0x88, (byte) 0xA8, 0, 30, (byte) 0x81, 0, 0, 20,
                (byte) 0x81, 0, 0, 10, 8, 0}, ip);

        PacketDecoder.decode(LinkType.ETHERNET, frame, out);

        assertThat(out.layer).isEqualTo(DecodedPacket.Layer.TRANSPORT);
        assertThat(out.dstPort).isEqualTo(53);
        assertThat(out.payloadLength).isEqualTo(4);
    }

    @Test
    void linuxCookedV1AndV2CarryIp() {
        byte[] ip = Frames.ipv4(A, B, DecodedPacket.TCP, Frames.transport(DecodedPacket.TCP, 6379, 40000, new byte[3]));
        byte[] sll = concat(new byte[] {0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 8, 0}, ip);
        byte[] sll2 = concat(new byte[] {8, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0}, ip);

        assertThat(PacketDecoder.decode(LinkType.LINUX_SLL, sll, out).srcPort).isEqualTo(6379);
        assertThat(PacketDecoder.decode(LinkType.LINUX_SLL2, sll2, out).srcPort).isEqualTo(6379);
        assertThat(out.payloadLength).isEqualTo(3);
    }

    @Test
    void bsdLoopbackInEitherByteOrderAndRawIp() {
        byte[] v6 = Frames.ipv6(new byte[16], new byte[16], DecodedPacket.UDP,
                Frames.transport(DecodedPacket.UDP, 1, 2, new byte[0]));
        byte[] littleEndian = concat(new byte[] {30, 0, 0, 0}, v6);
        byte[] bigEndian = concat(new byte[] {0, 0, 0, 24}, v6);

        assertThat(PacketDecoder.decode(LinkType.NULL, littleEndian, out).ipVersion).isEqualTo(6);
        assertThat(PacketDecoder.decode(LinkType.NULL, bigEndian, out).ipVersion).isEqualTo(6);
        assertThat(PacketDecoder.decode(LinkType.LOOP, bigEndian, out).dstPort).isEqualTo(2);
        assertThat(PacketDecoder.decode(LinkType.RAW, v6, out).layer).isEqualTo(DecodedPacket.Layer.TRANSPORT);
        assertThat(PacketDecoder.decode(LinkType.IPV6, v6, out).layer).isEqualTo(DecodedPacket.Layer.TRANSPORT);
    }

    @Test
    void ipv6ExtensionHeadersAndFragmentHeaderAreFollowed() {
        byte[] hopByHop = {44, 0, 0, 0, 0, 0, 0, 0}; // next: fragment
        byte[] fragment = {6, 0, 0, 1, 0, 0, 0, 42}; // next: TCP, offset 0, more fragments
        byte[] tcp = Frames.transport(DecodedPacket.TCP, 443, 50000, new byte[10]);
        byte[] v6 = Frames.ipv6(new byte[16], new byte[16], 0, concat(hopByHop, fragment, tcp));

        PacketDecoder.decode(LinkType.RAW, v6, out);

        assertThat(out.protocol).isEqualTo(DecodedPacket.TCP);
        assertThat(out.fragment).isTrue();
        assertThat(out.moreFragments).isTrue();
        assertThat(out.fragmentId).isEqualTo(42);
        assertThat(out.srcPort).isEqualTo(443);
    }

    @Test
    void laterIpv4FragmentHasNoPorts() {
        byte[] ip = Frames.ipv4(A, B, DecodedPacket.UDP, new byte[16]);
        ip[6] = 0x00;
        ip[7] = 0x10; // offset 16 * 8 bytes

        PacketDecoder.decode(LinkType.IPV4, ip, out);

        assertThat(out.layer).isEqualTo(DecodedPacket.Layer.NETWORK);
        assertThat(out.fragment).isTrue();
        assertThat(out.fragmentOffset).isEqualTo(128);
        assertThat(out.srcPort).isZero();
        assertThat(out.payloadLength).isEqualTo(16);
    }

    @Test
    void icmpEchoCarriesIdentifier() {
        byte[] echo = {8, 0, 0, 0, 0x12, 0x34, 0, 1};
        PacketDecoder.decode(LinkType.IPV4, Frames.ipv4(A, B, DecodedPacket.ICMP, echo), out);

        assertThat(out.icmpType).isEqualTo(8);
        assertThat(out.icmpEchoId).isEqualTo(0x1234);
    }

    @Test
    void decodesAFrameInsideALargerBuffer() {
        byte[] frame = Frames.ethernetIpv4(A, 1234, B, 53, DecodedPacket.UDP, new byte[] {1, 2, 3});
        byte[] buffer = concat(new byte[100], frame, new byte[50]);

        PacketDecoder.decode(LinkType.ETHERNET, buffer, 100, frame.length, out);

        assertThat(out.srcPort).isEqualTo(1234);
        assertThat(out.payloadOffset).isEqualTo(100 + frame.length - 3);
        assertThat(out.payloadLength).isEqualTo(3);
    }

    @Test
    void arpIsALinkLayerFrame() {
        byte[] frame = concat(Frames.ethernetHeader(0x0806), new byte[28]);

        PacketDecoder.decode(LinkType.ETHERNET, frame, out);

        assertThat(out.layer).isEqualTo(DecodedPacket.Layer.LINK);
        assertThat(out.etherType).isEqualTo(0x0806);
    }

    @Test
    void truncatedTcpHeaderStopsAtNetworkLayer() {
        byte[] full = Frames.ethernetIpv4(A, 1, B, 2, DecodedPacket.TCP, new byte[0]);
        byte[] cut = java.util.Arrays.copyOf(full, 14 + 20 + 10);

        PacketDecoder.decode(LinkType.ETHERNET, cut, out);

        assertThat(out.layer).isEqualTo(DecodedPacket.Layer.NETWORK);
        assertThat(out.protocol).isEqualTo(DecodedPacket.TCP);
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        int[] linkTypes = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL,
                LinkType.LINUX_SLL2, LinkType.IPV4, LinkType.IPV6, 147};
        qt().withExamples(5000)
                .forAll(byteArrays(range(0, 120), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
                        range(0, linkTypes.length - 1))
                .checkAssert((data, i) -> {
                    DecodedPacket p = PacketDecoder.decode(linkTypes[i], data, out);
                    assertThat(p.payloadLength).isNotNegative();
                    if (p.payloadLength > 0) {
                        assertThat(p.payloadOffset + p.payloadLength).isLessThanOrEqualTo(data.length);
                    }
                });
    }
}
