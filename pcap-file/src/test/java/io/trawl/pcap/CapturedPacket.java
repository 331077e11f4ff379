package io.trawl.pcap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.nio.file.Path;

/** A packet copied out of a reader, for comparisons in tests. */
record CapturedPacket(long timestampNanos, int linkType, int originalLength, byte[] data, String iface) {

    static CapturedPacket copy(FilePacket p) {
        return new CapturedPacket(p.timestampNanos, p.linkType, p.originalLength,
                Arrays.copyOfRange(p.buffer, p.offset, p.offset + p.length), p.interfaceName);
    }

    static List<CapturedPacket> readAll(Path file) throws CaptureFileException {
        return readAll(file, 4 << 20);
    }

    static List<CapturedPacket> readAll(Path file, int bufferSize) throws CaptureFileException {
        List<CapturedPacket> out = new ArrayList<>();
        try (CaptureFileReader reader = CaptureFileReader.open(file, bufferSize)) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                out.add(copy(p));
            }
        } catch (CaptureFileException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    CapturedPacket withoutInterface() {
        return new CapturedPacket(timestampNanos, linkType, originalLength, data, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedPacket p && timestampNanos == p.timestampNanos && linkType == p.linkType
                && originalLength == p.originalLength && Arrays.equals(data, p.data) && Objects.equals(iface, p.iface);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampNanos, linkType, originalLength, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return timestampNanos + " link=" + linkType + " " + data.length + "/" + originalLength + " if=" + iface;
    }
}
