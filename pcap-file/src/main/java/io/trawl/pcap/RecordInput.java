package io.trawl.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Sequential reads from a capture file through one large heap buffer, so that packets are handed out as
 * (array, offset, length) without a copy. The buffer grows only for a record larger than itself.
 */
final class RecordInput implements AutoCloseable {

    static final int DEFAULT_BUFFER = 4 << 20;

    private final Path file;
    private final FileChannel channel;
    private byte[] buf;
    private int start;
    private int end;
    /** File offset of buf[start]. */
    private long position;
    private boolean eof;

    RecordInput(Path file, FileChannel channel, int bufferSize) {
        this.file = file;
        this.channel = channel;
        this.buf = new byte[bufferSize];
    }

    Path file() {
        return file;
    }

    byte[] buffer() {
        return buf;
    }

    /** Index in {@link #buffer()} of the next unread byte. */
    int index() {
        return start;
    }

    /** File offset of the next unread byte. */
    long position() {
        return position;
    }

    int available() {
        return end - start;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #index()}.
     *
     * @return false when the file ends first; {@link #available()} then says how many bytes there were
     */
    boolean ensure(int n) throws CaptureFileException {
        if (end - start >= n) {
            return true;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, start, bigger, 0, end - start);
            buf = bigger;
        } else {
            System.arraycopy(buf, start, buf, 0, end - start);
        }
        end -= start;
        start = 0;
        try {
            ByteBuffer view = ByteBuffer.wrap(buf);
            while (end < n && !eof) {
                view.limit(buf.length).position(end);
                int read = channel.read(view);
                if (read < 0) {
                    eof = true;
                } else {
                    end += read;
                }
            }
        } catch (IOException e) {
            throw new CaptureFileException(file, "read failed at byte offset " + (position + end), e);
        }
        return end - start >= n;
    }

    void skip(int n) {
        start += n;
        position += n;
    }

    boolean atEnd() throws CaptureFileException {
        return !ensure(1);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
