package io.trawl.script.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.model.packet.PacketRecord;
import io.trawl.script.engine.JsRuntime;

public class PacketInfoTest {

    private static JsRuntime runtime;
    private static Context context;

    @BeforeAll
    static void start() {
        runtime = JsRuntime.start();
        context = runtime.newContext();
    }

    @AfterAll
    static void close() {
        context.close();
        runtime.close();
    }

    /** Ethernet, IPv4 10.1.2.3 → 10.9.8.7, UDP 5353 → 53, four bytes of payload. */
    public static byte[] udpFrame() {
        return HexFormat.of().parseHex(
                "00112233445566778899aabb0800"
                        + "4500002000004000401100000a0102030a090807"
                        + "14e90035000c0000" + "deadbeef");
    }

    @Test
    void showsTheHeadersOfAUdpPacket() {
        var info = PacketInfo.of(new PacketRecord(2_000_000L, 1, 60, udpFrame(), "n1", "lo"));

        Value seen = context.eval("js", "(function (i) { return JSON.stringify([i.protocol, i.src.ip, i.src.port, i.dst.ip, "
                + "i.dst.port, i.length, i.captureLength, i.truncated, i.timestamp, Object.keys(i).join()]); })")
                .execute(info);

        assertThat(seen.toString()).isEqualTo("[\"udp\",\"10.1.2.3\",\"5353\",\"10.9.8.7\",\"53\",60,46,true,"
                + "2,\"timestamp,captureLength,length,truncated,protocol,src,dst,node,interface\"]");
    }

    @Test
    void aNonIpFrameHasEmptyEndpointsAndIsReadOnly() {
        byte[] arp = HexFormat.of().parseHex("ffffffffffff0011223344550806" + "0001080006040001");
        var info = PacketInfo.of(new PacketRecord(0, 1, arp.length, arp, "n1", "lo"));

        Value seen = context.eval("js", "(function (i) { 'use strict'; var r = [i.protocol, i.src.ip, i.dst.port];"
                + " try { i.protocol = 'x'; r.push('written'); } catch (e) { r.push(e.name); } return JSON.stringify(r); })")
                .execute(info);

        assertThat(seen.toString()).isEqualTo("[\"link\",\"\",\"\",\"TypeError\"]");
    }

    @Test
    void aCutShortPacketIsUnknownNotAnException() {
        var info = PacketInfo.of(new PacketRecord(0, 1, 3, new byte[] {1, 2, 3}, "n1", "lo"));

        assertThat(info.getMember("protocol")).isEqualTo("unknown");
    }
}
