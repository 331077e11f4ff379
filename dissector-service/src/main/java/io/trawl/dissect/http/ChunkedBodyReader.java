package io.trawl.dissect.http;

/**
 * Reads a chunked body (RFC 9112 section 7.1) across reads: each chunk-size line (extensions ignored), the
 * chunk's data into the message, and the line end after it, until the last chunk; the trailer fields that follow
 * are read by {@link MessageHeadReader}. Chunk-size lines are bounded by {@code maxLineBytes}; sizes have at most
 * 15 hex digits. After each call {@link #problem()} says why the framing cannot be followed, or {@link #last()}
 * that the last chunk was read.
 */
final class ChunkedBodyReader {

    private enum State { SIZE, DATA, DATA_END }

    private final int maxLineBytes;
    private final LineBuffer line;
    private State state = State.SIZE;
    private long remaining;
    private boolean last;
    private String problem;

    ChunkedBodyReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.line = new LineBuffer(maxLineBytes);
    }

    void reset() {
        state = State.SIZE;
        line.clear();
        remaining = 0;
        last = false;
        problem = null;
    }

    boolean last() {
        return last;
    }

    String problem() {
        return problem;
    }

    /** Reads chunked-body bytes of {@code message} from {@code b[pos, end)}; returns where it stopped. */
    int read(HttpMessage message, byte[] b, int pos, int end) {
        while (pos < end && problem == null && !last) {
            switch (state) {
                case SIZE -> pos = sizeLine(message, b, pos, end);
                case DATA -> {
                    int n = (int) Math.min(remaining, end - pos);
                    message.body(b, pos, n);
                    remaining -= n;
                    pos += n;
                    if (remaining == 0) {
                        state = State.DATA_END;
                    }
                }
                case DATA_END -> pos = dataEnd(message, b, pos, end);
            }
        }
        return pos;
    }

    /**
     * Bytes were lost in capture. Those that fall inside the current chunk's data are skipped, keeping step with
     * the framing.
     *
     * @return how many of the {@code missing} bytes were inside the chunk data; fewer than {@code missing} means
     *         the framing itself was lost
     */
    long skip(long missing) {
        if (state != State.DATA) {
            return 0;
        }
        long skipped = Math.min(missing, remaining);
        remaining -= skipped;
        if (remaining == 0) {
            state = State.DATA_END;
        }
        return skipped;
    }

    private int sizeLine(HttpMessage message, byte[] b, int pos, int end) {
        int n = line.append(b, pos, end);
        message.countFramingBytes(n);
        if (line.tooLong()) {
            problem = "chunk-size line longer than " + maxLineBytes + " bytes";
        } else if (line.complete()) {
            String text = line.text();
            line.clear();
            long size = BodyFraming.chunkSize(text);
            if (size < 0) {
                problem = "invalid chunk-size line: " + WireText.preview(text);
            } else if (size == 0) {
                last = true;
            } else {
                remaining = size;
                state = State.DATA;
            }
        }
        return pos + n;
    }

    private int dataEnd(HttpMessage message, byte[] b, int pos, int end) {
        if (line.isEmpty() && b[pos] != '\r' && b[pos] != '\n') {
            problem = "chunk data longer than its chunk size";
            return pos;
        }
        int n = line.append(b, pos, end);
        message.countFramingBytes(n);
        if (line.complete() || line.tooLong()) {
            boolean empty = line.isEmpty() && line.complete();
            line.clear();
            if (empty) {
                state = State.SIZE;
            } else {
                problem = "chunk data longer than its chunk size";
            }
        }
        return pos + n;
    }
}
