package io.trawl.pcap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * Reads packets from a classic pcap or a pcapng file, in pure Java. The format is told by the file's first
 * bytes, not its name.
 */
public sealed interface CaptureFileReader extends AutoCloseable permits PcapReader, PcapngReader {

    /** Largest captured length accepted for one packet; larger means the file is damaged. */
    int MAX_PACKET_BYTES = 16 << 20;

    /**
     * Fills {@code into} with the next packet.
     *
     * @return false at the clean end of the file
     * @throws CaptureFileException when the file is damaged at this point; every packet before it was returned
     */
    boolean next(FilePacket into) throws CaptureFileException;

    /** {@code pcap} or {@code pcapng}. */
    String format();

    Path file();

    @Override
    void close() throws IOException;

    static CaptureFileReader open(Path file) throws CaptureFileException {
        return open(file, RecordInput.DEFAULT_BUFFER);
    }

    static CaptureFileReader open(Path file, int bufferSize) throws CaptureFileException {
        if (Files.isDirectory(file)) {
            throw new CaptureFileException(file, -1, "is a directory, not a capture file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CaptureFileException(file, -1, "no such file");
        } catch (AccessDeniedException e) {
            throw new CaptureFileException(file, -1, "permission denied");
        } catch (IOException e) {
            throw new CaptureFileException(file, "cannot be opened", e);
        }
        RecordInput in = new RecordInput(file, channel, bufferSize);
        try {
            if (!in.ensure(4)) {
                throw new CaptureFileException(file, -1, "is not a capture file: it has only " + in.available()
                        + " bytes, fewer than any pcap or pcapng header");
            }
            byte[] b = in.buffer();
            int i = in.index();
            long magic = ByteOrderView.u32(b, i, true);
            if (magic == PcapngReader.SECTION_HEADER_BLOCK) {
                return new PcapngReader(in);
            }
            if (PcapReader.isMagic(magic)) {
                return new PcapReader(in);
            }
            throw new CaptureFileException(file, -1, "is not a pcap or pcapng capture: it starts with bytes "
                    + HexFormat.ofDelimiter(" ").formatHex(b, i, i + 4)
                    + " (a pcap file starts with d4 c3 b2 a1 or 4d 3c b2 a1 or the reverse; pcapng with 0a 0d 0d 0a)");
        } catch (CaptureFileException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    private static void closeQuietly(RecordInput in, Exception primary) {
        try {
            in.close();
        } catch (IOException suppressed) {
            primary.addSuppressed(suppressed);
        }
    }
}
