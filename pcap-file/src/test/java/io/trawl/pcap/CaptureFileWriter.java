package io.trawl.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every flavour of capture file the readers must accept, so tests can make them from real packets. */
final class CaptureFileWriter {
    private CaptureFileWriter() {
    }

    static void pcap(Path file, List<CapturedPacket> packets, boolean nanos, ByteOrder order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(packets.get(0).linkType());
        out.write(h.array());
        for (CapturedPacket p : packets) {
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            long seconds = Math.floorDiv(p.timestampNanos(), 1_000_000_000L);
            long fraction = Math.floorMod(p.timestampNanos(), 1_000_000_000L);
            r.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000)).putInt(p.data().length)
                    .putInt(p.originalLength());
            out.write(r.array());
            out.write(p.data());
        }
        Files.write(file, out.toByteArray());
    }

    /** A pcapng file with one interface per distinct link type, at decimal resolution 10^-{@code resolution}. */
    static void pcapng(Path file, List<CapturedPacket> packets, int resolution, ByteOrder order, String ifName)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28).order(order);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .putInt(28);
        out.write(shb.array());
        byte[] name = ifName == null ? new byte[0] : ifName.getBytes(StandardCharsets.UTF_8);
        int namePadded = (name.length + 3) & ~3;
        int idbLength = 20 + (name.length > 0 ? 4 + namePadded : 0) + 8 + 4;
        ByteBuffer idb = ByteBuffer.allocate(idbLength).order(order);
        idb.putInt(1).putInt(idbLength).putShort((short) packets.get(0).linkType()).putShort((short) 0).putInt(262144);
        if (name.length > 0) {
            idb.putShort((short) 2).putShort((short) name.length).put(name).put(new byte[namePadded - name.length]);
        }
        idb.putShort((short) 9).putShort((short) 1).put((byte) resolution).put(new byte[3]);
        idb.putShort((short) 0).putShort((short) 0).putInt(idbLength);
        out.write(idb.array());
        long perUnit = 1;
        for (int i = resolution; i < 9; i++) {
            perUnit *= 10;
        }
        for (CapturedPacket p : packets) {
            int padded = (p.data().length + 3) & ~3;
            int length = 32 + padded;
            long units = p.timestampNanos() / perUnit;
            ByteBuffer epb = ByteBuffer.allocate(length).order(order);
            epb.putInt(6).putInt(length).putInt(0).putInt((int) (units >>> 32)).putInt((int) units)
                    .putInt(p.data().length).putInt(p.originalLength()).put(p.data())
                    .put(new byte[padded - p.data().length]).putInt(length);
            out.write(epb.array());
        }
        Files.write(file, out.toByteArray());
    }
}
