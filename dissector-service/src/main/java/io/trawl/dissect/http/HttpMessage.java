package io.trawl.dissect.http;

import io.trawl.model.item.ItemError;

import java.util.Arrays;

/**
 * One HTTP/1.x request or response as {@link HttpMessageDecoder} saw it: start line, header and trailer
 * fields, sizes on the wire, the first {@code maxBodyBytesKept} bytes of the de-chunked body, and why it is
 * incomplete, if it is. A message cut short (reset, gap, a limit, bytes that are not HTTP) carries what was
 * seen before the cut and an {@link ItemError}; its start-line fields are null when the start line was never
 * parsed.
 */
public final class HttpMessage {

    /** Which side sent it. */
    public enum Kind { REQUEST, RESPONSE }

    private static final int PRESIZE_LIMIT = 64 * 1024;

    private final Kind kind;
    private final long firstByteNanos;
    private final int maxBodyBytesKept;

    private String method;
    private String target;
    private String version;
    private int status = -1;
    private String reason;
    private final HttpHeaders headers = new HttpHeaders();
    private final HttpHeaders trailers = new HttpHeaders();

    private long headersSize;
    private long bodySize;
    private long wireSize;
    private byte[] body = new byte[0];
    private int bodyLength;
    private boolean bodyCut;
    private ItemError error;

    HttpMessage(Kind kind, long firstByteNanos, int maxBodyBytesKept) {
        this.kind = kind;
        this.firstByteNanos = firstByteNanos;
        this.maxBodyBytesKept = maxBodyBytesKept;
    }

    void requestLine(String method, String target, String version) {
        this.method = method;
        this.target = target;
        this.version = version;
    }

    void statusLine(String version, int status, String reason) {
        this.version = version;
        this.status = status;
        this.reason = reason;
    }

    void countHeaderBytes(long n) {
        headersSize += n;
        wireSize += n;
    }

    void countFramingBytes(long n) {
        wireSize += n;
    }

    /** Body bytes as they arrive, de-chunked: all are counted, the first {@code maxBodyBytesKept} are kept. */
    void body(byte[] b, int off, int len) {
        bodySize += len;
        wireSize += len;
        if (bodyCut) {
            return;
        }
        int keep = Math.min(len, maxBodyBytesKept - bodyLength);
        if (keep < len) {
            bodyCut = true;
        }
        if (keep > 0) {
            if (bodyLength + keep > body.length) {
                body = Arrays.copyOf(body, Math.min(maxBodyBytesKept, Math.max(bodyLength + keep, body.length * 2)));
            }
            System.arraycopy(b, off, body, bodyLength, keep);
            bodyLength += keep;
        }
    }

    /**
     * Sizes the kept body for a declared length at once, instead of growing it segment by segment; at most
     * {@link #PRESIZE_LIMIT} ahead of the bytes, so that a header alone cannot make it hold much memory.
     */
    void expectBody(long length) {
        if (bodyLength == 0 && length > body.length) {
            body = new byte[(int) Math.min(Math.min(maxBodyBytesKept, PRESIZE_LIMIT), length)];
        }
    }

    /** Body bytes lost in capture: counted, and nothing after them is kept, since it would not follow on. */
    void bodyMissing(long n) {
        bodySize += n;
        wireSize += n;
        bodyCut = true;
    }

    /** The message ended inside its body: what was kept is not all of it. */
    void markBodyCut() {
        bodyCut = true;
    }

    /** Records why the message is incomplete; the first reason wins. */
    void fail(String type, String msg) {
        if (error == null) {
            error = new ItemError(type, msg);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Capture time of the chunk that held the message's first byte. */
    public long firstByteNanos() {
        return firstByteNanos;
    }

    public String method() {
        return method;
    }

    /** The request-target exactly as sent. */
    public String target() {
        return target;
    }

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    public String version() {
        return version;
    }

    /** The status code, or -1 for requests and unparsed status lines. */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean hasStartLine() {
        return version != null;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public HttpHeaders trailers() {
        return trailers;
    }

    /** Bytes from the start line through the blank line that ends the header block. */
    public long headersSize() {
        return headersSize;
    }

    /** De-chunked body bytes, before any content decoding; bytes lost in capture included. */
    public long bodySize() {
        return bodySize;
    }

    /** Every byte of the message on the wire: header block, body, chunk framing and trailers. */
    public long wireSize() {
        return wireSize;
    }

    /** The kept body bytes: the first {@link #bodyLength()} of this array. */
    public byte[] body() {
        return body;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /** Whether the kept bytes are less than the whole body (limit, gap or cut short). */
    public boolean bodyCut() {
        return bodyCut || bodyLength < bodySize;
    }

    public ItemError error() {
        return error;
    }
}
