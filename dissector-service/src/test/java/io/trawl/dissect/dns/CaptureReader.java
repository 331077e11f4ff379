package io.trawl.dissect.dns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frames of a classic pcap (either byte order, micro- or nanosecond) or pcapng (enhanced and simple
 * packet blocks, per-interface link type and timestamp resolution, several sections) file, for tests.
 */
final class CaptureReader {

    /** One captured frame; {@code number} counts from 1 as tshark does. */
    record Frame(int number, long timestampNanos, int linkType, byte[] data) {
    }

    private CaptureReader() {
    }

    static List<Frame> read(Path path) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(path));
        int magic = in.order(ByteOrder.BIG_ENDIAN).getInt(0);
        return magic == 0x0A0D0D0A ? pcapng(in) : pcap(in);
    }

    private static List<Frame> pcap(ByteBuffer in) throws IOException {
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
        }
        long unit = switch (magic) {
            case 0xA1B2C3D4 -> 1000L;
            case 0xA1B23C4D -> 1L;
            default -> throw new IOException("not a pcap file: magic " + Integer.toHexString(magic));
        };
        int linkType = in.getInt(20) & 0x0FFFFFFF;
        List<Frame> frames = new ArrayList<>();
        int pos = 24;
        while (in.limit() - pos >= 16) {
            long seconds = in.getInt(pos) & 0xFFFFFFFFL;
            long fraction = in.getInt(pos + 4) & 0xFFFFFFFFL;
            int captured = in.getInt(pos + 8);
            if (captured < 0 || captured > in.limit() - pos - 16) {
                throw new IOException("record at " + pos + " claims " + captured + " bytes");
            }
            byte[] data = new byte[captured];
            in.get(pos + 16, data);
            frames.add(new Frame(frames.size() + 1, seconds * 1_000_000_000L + fraction * unit, linkType, data));
            pos += 16 + captured;
        }
        return frames;
    }

    private static List<Frame> pcapng(ByteBuffer in) throws IOException {
        List<Frame> frames = new ArrayList<>();
        List<int[]> interfaces = new ArrayList<>(); // link type, log10 of ticks per second
        int pos = 0;
        while (in.limit() - pos >= 12) {
            int type = in.getInt(pos); // a section header's type reads the same in either byte order
            if (type == 0x0A0D0D0A) {
                in.order(in.order(ByteOrder.BIG_ENDIAN).getInt(pos + 8) == 0x1A2B3C4D
                        ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                interfaces.clear();
            }
            int length = in.getInt(pos + 4);
            if (length < 12 || length > in.limit() - pos) {
                throw new IOException("pcapng block at " + pos + " claims " + length + " bytes");
            }
            switch (type) {
                case 1 -> interfaces.add(new int[] {in.getShort(pos + 8) & 0xFFFF,
                        resolution(in, pos + 16, pos + length - 4)});
                case 6 -> {
                    int[] iface = interfaces.get(in.getInt(pos + 8));
                    long ticks = (in.getInt(pos + 12) & 0xFFFFFFFFL) << 32 | (in.getInt(pos + 16) & 0xFFFFFFFFL);
                    long nanos = iface[1] <= 9 ? ticks * pow10(9 - iface[1]) : ticks / pow10(iface[1] - 9);
                    byte[] data = new byte[in.getInt(pos + 20)];
                    in.get(pos + 28, data);
                    frames.add(new Frame(frames.size() + 1, nanos, iface[0], data));
                }
                case 3 -> {
                    byte[] data = new byte[Math.min(in.getInt(pos + 8), length - 16)];
                    in.get(pos + 12, data);
                    frames.add(new Frame(frames.size() + 1, 0, interfaces.getFirst()[0], data));
                }
                default -> {
                    // name resolution, statistics, custom blocks: nothing a DNS test needs
                }
            }
            pos += length;
        }
        return frames;
    }

    /** The interface's if_tsresol option as a power of ten (microseconds when absent). */
    private static int resolution(ByteBuffer in, int pos, int end) throws IOException {
        while (end - pos >= 4) {
            int code = in.getShort(pos) & 0xFFFF;
            int length = in.getShort(pos + 2) & 0xFFFF;
            if (code == 0) {
                break;
            }
            if (code == 9 && length == 1) {
                int value = in.get(pos + 4);
                if ((value & 0x80) != 0) {
                    throw new IOException("power-of-two timestamp resolution is not supported here");
                }
                return value;
            }
            pos += 4 + (length + 3) / 4 * 4;
        }
        return 6;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}
