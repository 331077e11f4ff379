package io.trawl.dissect.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds where the next message begins after bytes were lost: a line that starts with a method and a space
 * ({@code GET }, {@code POST }, ...) for requests, or with {@code HTTP/1.} for responses. A line starts right
 * after an LF, or at the first byte after the loss. Works across reads; keeps at most one token's bytes.
 */
final class StartLineScanner {

    private static final String[] METHODS = {"GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", "PATCH ",
        "CONNECT ", "TRACE "};
    private static final String[] STATUS = {"HTTP/1."};

    private final byte[][] tokens;
    private final byte[] matched = new byte[8];
    private int matchedLength;
    private boolean atLineStart = true;

    StartLineScanner(HttpMessage.Kind kind) {
        String[] words = kind == HttpMessage.Kind.REQUEST ? METHODS : STATUS;
        tokens = Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    /** Forget any partial match: the next byte starts a line (bytes were just lost before it). */
    void restart() {
        matchedLength = 0;
        atLineStart = true;
    }

    /**
     * Scans {@code b[off, end)}.
     *
     * @return the index just after a whole token, whose bytes {@link #token()} then holds; or -1 when none ends
     *         in this range (all of it is consumed)
     */
    int scan(byte[] b, int off, int end) {
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (atLineStart || matchedLength > 0) {
                matched[matchedLength] = c;
                int match = match(matchedLength + 1);
                if (match == FULL) {
                    matchedLength++;
                    return i + 1;
                }
                if (match == PREFIX) {
                    matchedLength++;
                    atLineStart = false;
                    continue;
                }
                matchedLength = 0;
            }
            atLineStart = c == '\n';
        }
        return -1;
    }

    /** The token just found; call {@link #restart()} before scanning again. */
    byte[] token() {
        return Arrays.copyOf(matched, matchedLength);
    }

    private static final int NONE = 0;
    private static final int PREFIX = 1;
    private static final int FULL = 2;

    private int match(int length) {
        int result = NONE;
        for (byte[] token : tokens) {
            if (token.length >= length && Arrays.equals(token, 0, length, matched, 0, length)) {
                result = token.length == length ? FULL : PREFIX;
                if (result == FULL) {
                    return FULL;
                }
            }
        }
        return result;
    }
}
