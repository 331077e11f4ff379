package io.trawl.integrations.snapshot;

import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each form a flow may be given in selects the same conversation as the flow key capture-service computed. */
class FlowSelectorTest {

    private static byte[] tcpKey;
    private static byte[] udpKey;

    @BeforeAll
    static void keysOfARealCapture() throws IOException {
        try (CaptureFileReader reader = CaptureFileReader.open(Path.of("../testdata/examples/examples.pcap"))) {
            FilePacket p = new FilePacket();
            DecodedPacket d = new DecodedPacket();
            while (reader.next(p) && (tcpKey == null || udpKey == null)) {
                PacketDecoder.decode(p.linkType, p.buffer, p.offset, p.length, d);
                if (d.protocol == DecodedPacket.TCP && tcpKey == null) {
                    tcpKey = FlowKey.encode(d);
                } else if (d.protocol == DecodedPacket.UDP && udpKey == null) {
                    udpKey = FlowKey.encode(d);
                }
            }
        }
    }

    @Test
    void theReadableKeySelectsItsFlowInEitherDirectionAndNoOther() {
        String text = FlowKey.fromBytes(tcpKey).toString();
        String reversed = text.replaceFirst("tcp (\\S+) <-> (\\S+)", "tcp $2 <-> $1");

        assertThat(FlowSelector.parse(text).matches(tcpKey, null)).isTrue();
        assertThat(FlowSelector.parse(reversed).matches(tcpKey, null)).isTrue();
        assertThat(FlowSelector.parse(text).matches(udpKey, null)).isFalse();
        assertThat(FlowSelector.parse(FlowKey.fromBytes(udpKey).toString()).matches(udpKey, null)).isTrue();
    }

    @Test
    void anItemsStreamSelectsTheFlowWhoseKeyHashesToIt() {
        String stream = "tcp-" + FlowSelector.hash(tcpKey) + "-1795843006095736000";

        assertThat(FlowSelector.parse(stream).matches(tcpKey, FlowSelector.hash(tcpKey))).isTrue();
        assertThat(FlowSelector.parse(stream).matches(udpKey, FlowSelector.hash(udpKey))).isFalse();
    }

    @Test
    void theKeysHexFormSelectsIt() {
        assertThat(FlowSelector.parse(HexFormat.of().formatHex(udpKey)).matches(udpKey, null)).isTrue();
    }

    @Test
    void whatIsNotAFlowIsRefusedSayingWhy() {
        assertThatThrownBy(() -> FlowSelector.parse("tcp 10.0.0.1:80 <-> [::1]:81"))
                .hasMessage("'tcp 10.0.0.1:80 <-> [::1]:81' is not a flow: its two addresses are of different IP"
                        + " versions");
        assertThatThrownBy(() -> FlowSelector.parse("quic 10.0.0.1:80 <-> 10.0.0.2:81"))
                .hasMessage("'quic 10.0.0.1:80 <-> 10.0.0.2:81' is not a flow: protocol 'quic' is not one of tcp,"
                        + " udp, icmp, icmpv6, sctp, gre, esp or ip<number>");
        assertThatThrownBy(() -> FlowSelector.parse("tcp 10.0.0.1:99999 <-> 10.0.0.2:81"))
                .hasMessage("'tcp 10.0.0.1:99999 <-> 10.0.0.2:81' is not a flow: port 99999 is above 65535");
        assertThatThrownBy(() -> FlowSelector.parse("abcd"))
                .hasMessage("'abcd' is not a flow: flow key kind 171 is unknown");
    }
}
