package io.trawl.model.flow;

import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.Frames;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.packet.LinkType;
import org.quicktheories.core.Gen;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

class FlowKeyTest {

    private static FlowKey keyOf(int linkType, byte[] frame) {
        return FlowKey.of(PacketDecoder.decode(linkType, frame, new DecodedPacket()));
    }

    private static Gen<byte[]> address(int length) {
        return byteArrays(constant(length), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static final Gen<Integer> PORTS = range(0, 65535);

    @Test
    void bothDirectionsOfAnIpv4ConversationShareOneKey() {
        qt().withExamples(1000)
                .forAll(address(4), address(4), PORTS.zip(PORTS, (x, y) -> new int[] {x, y}),
                        pick(java.util.List.of(DecodedPacket.TCP, DecodedPacket.UDP)))
                .checkAssert((a, b, ports, protocol) -> {
                    int portA = ports[0];
                    int portB = ports[1];
                    FlowKey forward = keyOf(LinkType.ETHERNET, Frames.ethernetIpv4(a, portA, b, portB, protocol, new byte[3]));
                    FlowKey reverse = keyOf(LinkType.ETHERNET, Frames.ethernetIpv4(b, portB, a, portA, protocol, new byte[7]));

                    assertThat(forward).isEqualTo(reverse);
                    assertThat(forward.kind()).isEqualTo(FlowKey.Kind.IP);
                    assertThat(FlowKey.fromBytes(forward.toBytes())).isEqualTo(forward);
                    assertThat(forward.protocol()).isEqualTo(protocol);
                    assertThat(java.util.List.of(forward.portA(), forward.portB()))
                            .containsExactlyInAnyOrder(portA, portB);
                });
    }

    @Test
    void bothDirectionsOfAnIpv6ConversationShareOneKey() {
        qt().withExamples(500)
                .forAll(address(16), address(16), PORTS, PORTS)
                .checkAssert((a, b, portA, portB) -> {
                    FlowKey forward = keyOf(LinkType.ETHERNET, Frames.ethernetIpv6(a, portA, b, portB, DecodedPacket.UDP, new byte[0]));
                    FlowKey reverse = keyOf(LinkType.ETHERNET, Frames.ethernetIpv6(b, portB, a, portA, DecodedPacket.UDP, new byte[0]));

                    assertThat(forward).isEqualTo(reverse);
                    assertThat(forward.toBytes()).hasSize(3 + 2 * 18);
                });
    }

    @Test
    void differentPortsMakeDifferentKeys() {
        byte[] a = {10, 0, 0, 1};
        byte[] b = {10, 0, 0, 2};
        qt().forAll(range(1, 65535)).checkAssert(port -> {
            FlowKey one = keyOf(LinkType.ETHERNET, Frames.ethernetIpv4(a, port, b, 80, DecodedPacket.TCP, new byte[0]));
            FlowKey other = keyOf(LinkType.ETHERNET, Frames.ethernetIpv4(a, port - 1, b, 80, DecodedPacket.TCP, new byte[0]));
            assertThat(one).isNotEqualTo(other);
        });
    }

    @Test
    void readableFormNamesProtocolAndEndpoints() {
        byte[] frame = Frames.ethernetIpv4(new byte[] {10, 0, 0, 2}, 51234, new byte[] {10, 0, 0, 1}, 443,
                DecodedPacket.TCP, new byte[0]);

        assertThat(keyOf(LinkType.ETHERNET, frame)).hasToString("tcp 10.0.0.1:443 <-> 10.0.0.2:51234");
    }

    @Test
    void icmpEchoRequestAndReplyShareTheEchoSession() {
        byte[] a = {10, 0, 0, 1};
        byte[] b = {10, 0, 0, 2};
        byte[] request = Frames.ipv4(a, b, DecodedPacket.ICMP, new byte[] {8, 0, 0, 0, 0, 7, 0, 1});
        byte[] reply = Frames.ipv4(b, a, DecodedPacket.ICMP, new byte[] {0, 0, 0, 0, 0, 7, 0, 1});
        byte[] otherSession = Frames.ipv4(a, b, DecodedPacket.ICMP, new byte[] {8, 0, 0, 0, 0, 8, 0, 1});

        assertThat(keyOf(LinkType.IPV4, request)).isEqualTo(keyOf(LinkType.IPV4, reply))
                .isNotEqualTo(keyOf(LinkType.IPV4, otherSession))
                .hasToString("icmp 10.0.0.1:7 <-> 10.0.0.2:7");
    }

    @Test
    void allFragmentsOfADatagramShareTheFragmentKey() {
        byte[] a = {10, 0, 0, 1};
        byte[] b = {10, 0, 0, 2};
        byte[] first = Frames.ipv4(a, b, DecodedPacket.UDP, Frames.transport(DecodedPacket.UDP, 53, 4000, new byte[16]));
        first[6] = 0x20; // more fragments
        byte[] later = Frames.ipv4(a, b, DecodedPacket.UDP, new byte[16]);
        later[7] = 3; // offset 24

        FlowKey k1 = keyOf(LinkType.IPV4, first);
        FlowKey k2 = keyOf(LinkType.IPV4, later);

        assertThat(k1).isEqualTo(k2);
        assertThat(k1.kind()).isEqualTo(FlowKey.Kind.IP_FRAGMENT);
        assertThat(k1).hasToString("frag/udp 10.0.0.1 <-> 10.0.0.2");
    }

    @Test
    void arpRequestAndReplyShareALinkKey() {
        byte[] request = Frames.concat(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, 2, 0, 0, 0, 0, 1, 8, 6}, new byte[28]);
        byte[] reply = Frames.concat(new byte[] {2, 0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, 8, 6}, new byte[28]);

        FlowKey key = keyOf(LinkType.ETHERNET, request);

        assertThat(key).isEqualTo(keyOf(LinkType.ETHERNET, reply));
        assertThat(key.kind()).isEqualTo(FlowKey.Kind.LINK);
        assertThat(key).hasToString("link/0x0806 02:00:00:00:00:01 <-> ff:ff:ff:ff:ff:ff");
    }

    @Test
    void unknownLinkTypeGetsAnUndecodedKey() {
        FlowKey key = keyOf(147, new byte[] {1, 2, 3});

        assertThat(key.kind()).isEqualTo(FlowKey.Kind.UNDECODED);
        assertThat(key).hasToString("undecoded/LINKTYPE_147");
    }

    @Test
    void malformedBinaryFormIsRefused() {
        assertThatThrownBy(() -> FlowKey.fromBytes(new byte[] {1, 4, 6, 10}))
                .hasMessageContaining("kind IP has 4 bytes, expected 15");
        assertThatThrownBy(() -> FlowKey.fromBytes(new byte[] {9})).hasMessageContaining("kind 9 is unknown");
    }
}
