package io.trawl.dissect.http;

import java.util.List;

/**
 * How the body of a message is delimited, from its header fields (RFC 9112 section 6.3): chunked when the last
 * transfer coding is {@code chunked}, else Content-Length, else nothing for a request and the end of the
 * connection for a response. Whether a response may have a body at all (HEAD, 1xx, 204, 304, CONNECT) depends on
 * the request and is decided by the caller.
 *
 * @param type    the kind of framing
 * @param length  the Content-Length, for {@link Type#FIXED}
 * @param problem why the framing cannot be known, for {@link Type#INVALID}
 */
record BodyFraming(Type type, long length, String problem) {

    enum Type { NONE, FIXED, CHUNKED, UNTIL_CLOSE, INVALID }

    /** 18 digits always fit a long. */
    private static final int MAX_LENGTH_DIGITS = 18;
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;
    private static final BodyFraming NONE = new BodyFraming(Type.NONE, 0, null);

    static BodyFraming of(HttpMessage head, boolean bodyForbidden) {
        if (bodyForbidden) {
            return NONE;
        }
        boolean request = head.kind() == HttpMessage.Kind.REQUEST;
        List<String> codings = head.headers().tokens("Transfer-Encoding");
        if (!codings.isEmpty()) {
            if (codings.getLast().equals("chunked")) {
                return new BodyFraming(Type.CHUNKED, 0, null);
            }
            return request
                    ? invalid("request Transfer-Encoding does not end with chunked: " + String.join(", ", codings))
                    : new BodyFraming(Type.UNTIL_CLOSE, 0, null);
        }
        List<String> lengths = head.headers().tokens("Content-Length");
        if (lengths.isEmpty()) {
            return request ? NONE : new BodyFraming(Type.UNTIL_CLOSE, 0, null);
        }
        long length = -1;
        for (String value : lengths) {
            if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS || !isDigits(value)) {
                return invalid("invalid Content-Length: " + value);
            }
            long parsed = Long.parseLong(value);
            if (length >= 0 && parsed != length) {
                return invalid("conflicting Content-Length values: " + String.join(", ", lengths));
            }
            length = parsed;
        }
        return length == 0 ? NONE : new BodyFraming(Type.FIXED, length, null);
    }

    /**
     * The size of a chunk-size line ({@code 1a;name=value}), extensions ignored; -1 when it is not one. At most
     * 15 hex digits, so the size always fits.
     */
    static long chunkSize(String line) {
        int semicolon = line.indexOf(';');
        String digits = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
        if (digits.isEmpty() || digits.length() > MAX_CHUNK_SIZE_DIGITS) {
            return -1;
        }
        long size = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static BodyFraming invalid(String problem) {
        return new BodyFraming(Type.INVALID, 0, problem);
    }
}
