package io.trawl.dissect.http;

/**
 * Gathers one line (start line, header field, chunk-size line) across reads. A line ends at LF; a CR before
 * it is dropped, so bare-LF senders are understood too. A line is "too long" once its content exceeds
 * {@code maxLineBytes}: the caller then gives up on the message rather than buffer without bound.
 */
final class LineBuffer {

    private final int maxLineBytes;
    private byte[] buf = new byte[128];
    private int len;
    private boolean complete;
    private boolean tooLong;

    LineBuffer(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Takes bytes from {@code b[off, end)} up to and including the first LF.
     *
     * @return how many bytes were taken
     */
    int append(byte[] b, int off, int end) {
        int lf = -1;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                lf = i;
                break;
            }
        }
        int stop = lf >= 0 ? lf : end;
        // room for the content and one CR; anything beyond proves the line too long
        int room = maxLineBytes + 1 - len;
        int copy = Math.min(stop - off, room);
        put(b, off, copy);
        if (copy < stop - off) {
            tooLong = true;
            return copy;
        }
        if (lf >= 0) {
            if (len > 0 && buf[len - 1] == '\r') {
                len--;
            }
            complete = true;
            tooLong = len > maxLineBytes;
            return stop - off + 1;
        }
        if (len > maxLineBytes && buf[len - 1] != '\r') {
            tooLong = true;
        }
        return stop - off;
    }

    void put(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            byte[] bigger = new byte[Math.max(len + n, Math.min(buf.length * 2, maxLineBytes + 1))];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    boolean complete() {
        return complete;
    }

    boolean tooLong() {
        return tooLong;
    }

    boolean isEmpty() {
        return len == 0;
    }

    int length() {
        return len;
    }

    byte[] bytes() {
        return buf;
    }

    String text() {
        return WireText.bestEffort(buf, 0, len);
    }

    void clear() {
        len = 0;
        complete = false;
        tooLong = false;
    }
}
