package io.trawl.integrations.snapshot;

import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.model.packet.LinkType;
import io.trawl.model.packet.PacketRecord;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.CaptureWriter;
import io.trawl.pcap.FilePacket;
import io.trawl.pcap.PcapWriter;
import io.trawl.pcap.PcapngWriter;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a snapshot's packets to a spool file, taking its SHA-256 on the way: a classic pcap file while all
 * packets share one link type, which is the common case and what every tool opens; at the first packet of a
 * second link type, what was written so far is rewritten as pcapng (one interface per link type) and writing
 * goes on in pcapng. A snapshot without packets is an empty Ethernet pcap file. The spool file is deleted on
 * {@link #close()}; store it before.
 */
final class SnapshotWriter implements PacketWindow.Sink, Closeable {

    private final Path spool;
    private final Set<Integer> linkTypes = new LinkedHashSet<>();
    private Path file;
    private MessageDigest digest;
    private CaptureWriter writer;

    SnapshotWriter(Path spool) {
        this.spool = spool;
    }

    @Override
    public void accept(PacketRecord packet) throws IOException {
        boolean newLinkType = linkTypes.add(packet.linkType());
        if (writer == null) {
            start(packet.linkType());
        } else if (newLinkType && writer instanceof PcapWriter) {
            rewriteAsPcapng();
        }
        writer.write(packet.timestampNanos(), packet.linkType(), packet.originalLength(), packet.data(), 0,
                packet.capturedLength());
    }

    private void start(int linkType) throws IOException {
        file = newSpoolFile();
        writer = new PcapWriter(digesting(file), linkType);
    }

    private void rewriteAsPcapng() throws IOException {
        writer.close();
        Path pcap = file;
        file = newSpoolFile();
        writer = new PcapngWriter(digesting(file));
        try (CaptureFileReader reader = CaptureFileReader.open(pcap)) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                writer.write(p.timestampNanos, p.linkType, p.originalLength, p.buffer, p.offset, p.length);
            }
        } finally {
            Files.deleteIfExists(pcap);
        }
    }

    private Path newSpoolFile() throws IOException {
        return Files.createTempFile(spool, "trawl-snapshot-", ".spool");
    }

    private DigestOutputStream digesting(Path target) throws IOException {
        digest = EvidenceContent.sha256();
        return new DigestOutputStream(Files.newOutputStream(target), digest);
    }

    /** Closes the file and gives its content; call once, after the last packet. */
    EvidenceContent finish() throws IOException {
        if (writer == null) {
            start(LinkType.ETHERNET);
        }
        writer.close();
        return EvidenceContent.ofFile(file, digest.digest());
    }

    /** {@code pcap} or {@code pcapng}. */
    String format() {
        return writer == null ? "pcap" : writer.format();
    }

    /** The link types written, by name, in order of first appearance. */
    List<String> linkTypes() {
        return linkTypes.stream().map(LinkType::name).toList();
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            Files.deleteIfExists(file);
        }
    }
}
