package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.ItemError;

import java.util.Arrays;
import java.util.Objects;

/**
 * The pure HTTP/1.x parser of one direction of a connection: bytes in, {@link HttpMessage}s out, no flow state
 * beyond the message in progress. An explicit state machine (start line, header fields, body by Content-Length,
 * chunks with extensions and trailers, or until the connection closes) that resumes at any split: running out of
 * bytes only means "wait for more".
 *
 * <p>Limits come from {@link DissectorLimits}: a start, header, chunk-size or trailer line longer than
 * {@code maxLineBytes}, or a header or trailer block larger than {@code maxHeaderBytes}, ends the message with a
 * {@code dissection} error and the decoder gives up on this direction, as it does for bytes that are not HTTP.
 * Body bytes past {@code maxBodyBytesKept} are counted, not kept. Bytes lost in capture end the message in
 * progress with a {@code gap} error and the decoder looks for the next start line, except inside a body of known
 * length, where it skips them and stays in step. Nothing here throws on any input.
 */
public final class HttpMessageDecoder {

    /** Receives what the decoder finds. Called on the decoding thread, during {@code decode}, {@code gap}, etc. */
    public interface Listener {

        /**
         * The start line and header fields of {@code message} are parsed. Returns true when the message has no
         * body whatever its header fields say: a response to HEAD or CONNECT, 1xx, 204 and 304.
         */
        boolean headParsed(HttpMessage message);

        /** The message is over: complete, or cut short with {@link HttpMessage#error()} saying why. */
        void messageDone(HttpMessage message);
    }

    private enum State {
        START_LINE, HEADER, BODY_FIXED, BODY_UNTIL_CLOSE, CHUNKED, TRAILER,
        /** Bytes were lost: looking for the next start line. */
        RESYNC,
        /** An Upgrade or CONNECT request was sent: later bytes wait for the response to say what they are. */
        HELD,
        /** The connection left HTTP/1.x (101, CONNECT): the rest is another protocol. */
        SWITCHED,
        /** Not HTTP, or over a limit: the rest of this direction is ignored. */
        GAVE_UP,
        ENDED
    }

    private final HttpMessage.Kind kind;
    private final DissectorLimits limits;
    private final Listener listener;
    private final MessageHeadReader head;
    private final ChunkedBodyReader chunks;
    private final StartLineScanner scanner;
    private State state = State.START_LINE;
    private HttpMessage message;
    /** Bytes of the fixed-length body still to come. */
    private long remaining;
    private final LineBuffer held;
    private long heldNanos;
    private boolean resyncOnRelease;

    public HttpMessageDecoder(HttpMessage.Kind kind, DissectorLimits limits, Listener listener) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.chunks = new ChunkedBodyReader(limits.maxLineBytes());
        this.head = new MessageHeadReader(kind, limits);
        this.scanner = new StartLineScanner(kind);
        this.held = new LineBuffer(limits.maxHeaderBytes());
    }

    /** The next in-order bytes of this direction; {@code timestampNanos} is when the chunk was captured. */
    public void decode(byte[] b, int off, int len, long timestampNanos) {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            pos = switch (state) {
                case START_LINE -> startLine(b, pos, end, timestampNanos);
                case HEADER, TRAILER -> fieldLine(b, pos, end);
                case BODY_FIXED -> countedBody(b, pos, end);
                case CHUNKED -> chunked(b, pos, end);
                case BODY_UNTIL_CLOSE -> {
                    message.body(b, pos, end - pos);
                    yield end;
                }
                case RESYNC -> resync(b, pos, end, timestampNanos);
                case HELD -> hold(b, pos, end, timestampNanos);
                case SWITCHED, GAVE_UP, ENDED -> end;
            };
        }
    }

    /** {@code missing} bytes of this direction were lost in capture. */
    public void gap(long missing) {
        long skipped = switch (state) {
            case BODY_FIXED -> Math.min(missing, remaining);
            case CHUNKED -> chunks.skip(missing);
            case BODY_UNTIL_CLOSE -> missing;
            default -> 0;
        };
        switch (state) {
            case BODY_FIXED, CHUNKED, BODY_UNTIL_CLOSE, START_LINE, HEADER, TRAILER, RESYNC -> {
                if (message != null) {
                    if (skipped > 0) {
                        message.bodyMissing(skipped);
                    }
                    message.fail(ItemError.GAP, missing + " bytes lost in capture inside the "
                            + (skipped > 0 ? "body" : "message"));
                }
                if (skipped < missing) {
                    cut();
                } else if (state == State.BODY_FIXED && (remaining -= skipped) == 0) {
                    done();
                }
            }
            case HELD -> {
                held.clear();
                resyncOnRelease = true;
            }
            case SWITCHED, GAVE_UP, ENDED -> {
                // nothing is parsed here any more
            }
        }
    }

    /** The direction ended with FIN ({@code reset} false) or RST. */
    public void end(boolean reset) {
        finish(reset ? "connection reset" : "connection closed", !reset);
    }

    /** The connection is gone without this direction having ended; {@code reason} says why. */
    public void close(String reason) {
        finish("connection closed (" + reason + ")", false);
    }

    /** Keep later bytes unparsed until {@link #release()} or {@link #switchProtocols()}. Only between messages. */
    public void hold() {
        if (state == State.START_LINE && message == null) {
            state = State.HELD;
        }
    }

    /** The held bytes are HTTP after all (the upgrade was refused): parse them and what follows. */
    public void release() {
        if (state != State.HELD) {
            return;
        }
        state = resyncOnRelease ? State.RESYNC : State.START_LINE;
        resyncOnRelease = false;
        scanner.restart();
        byte[] bytes = Arrays.copyOf(held.bytes(), held.length());
        held.clear();
        decode(bytes, 0, bytes.length, heldNanos);
    }

    /** The connection now speaks another protocol: ignore the rest of this direction. */
    public void switchProtocols() {
        held.clear();
        state = State.SWITCHED;
    }

    /** Whether a message has begun and not ended. */
    public boolean inMessage() {
        return message != null;
    }

    /** Whether bytes are waiting: a message in progress or bytes held after an upgrade request. */
    public boolean hasPending() {
        return message != null || !held.isEmpty();
    }

    /** Whether this direction was given up on: bytes that are not HTTP, or a limit exceeded. */
    public boolean gaveUp() {
        return state == State.GAVE_UP;
    }

    private int startLine(byte[] b, int pos, int end, long timestampNanos) {
        if (message == null) {
            // blank lines before a message belong to no message (RFC 9112 section 2.2)
            while (pos < end && (b[pos] == '\r' || b[pos] == '\n')) {
                pos++;
            }
            if (pos == end) {
                return pos;
            }
            message = new HttpMessage(kind, timestampNanos, limits.maxBodyBytesKept());
        }
        pos = head.startLine(message, b, pos, end);
        if (head.problem() != null) {
            giveUp(head.problem());
        } else if (head.done()) {
            state = State.HEADER;
        }
        return pos;
    }

    private int fieldLine(byte[] b, int pos, int end) {
        boolean trailers = state == State.TRAILER;
        pos = head.fields(message, trailers, b, pos, end);
        if (head.problem() != null) {
            giveUp(head.problem());
        } else if (head.done() && trailers) {
            done();
        } else if (head.done()) {
            headDone();
        }
        return pos;
    }

    private void headDone() {
        BodyFraming framing = BodyFraming.of(message, listener.headParsed(message));
        switch (framing.type()) {
            case NONE -> done();
            case FIXED -> {
                remaining = framing.length();
                message.expectBody(remaining);
                state = State.BODY_FIXED;
            }
            case CHUNKED -> {
                chunks.reset();
                state = State.CHUNKED;
            }
            case UNTIL_CLOSE -> state = State.BODY_UNTIL_CLOSE;
            case INVALID -> giveUp(framing.problem());
        }
    }

    private int countedBody(byte[] b, int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        message.body(b, pos, n);
        remaining -= n;
        if (remaining == 0) {
            done();
        }
        return pos + n;
    }

    private int chunked(byte[] b, int pos, int end) {
        pos = chunks.read(message, b, pos, end);
        if (chunks.problem() != null) {
            giveUp(chunks.problem());
        } else if (chunks.last()) {
            head.reset();
            state = State.TRAILER;
        }
        return pos;
    }

    private int resync(byte[] b, int pos, int end, long timestampNanos) {
        int found = scanner.scan(b, pos, end);
        if (found < 0) {
            return end;
        }
        byte[] token = scanner.token();
        scanner.restart();
        message = new HttpMessage(kind, timestampNanos, limits.maxBodyBytesKept());
        head.prefill(token);
        message.countHeaderBytes(token.length);
        state = State.START_LINE;
        return found;
    }

    private int hold(byte[] b, int pos, int end, long timestampNanos) {
        if (held.isEmpty()) {
            heldNanos = timestampNanos;
        }
        if (held.length() + (end - pos) > limits.maxHeaderBytes()) {
            // the client did not wait for the answer: it already speaks the protocol it asked for
            switchProtocols();
            return end;
        }
        held.put(b, pos, end - pos);
        return end;
    }

    private void done() {
        HttpMessage finished = message;
        message = null;
        state = State.START_LINE;
        listener.messageDone(finished);
    }

    private void cut() {
        markBodyCut();
        HttpMessage finished = message;
        message = null;
        head.reset();
        scanner.restart();
        state = State.RESYNC;
        if (finished != null) {
            listener.messageDone(finished);
        }
    }

    private void giveUp(String reason) {
        markBodyCut();
        HttpMessage finished = message;
        finished.fail(ItemError.DISSECTION, reason);
        message = null;
        head.reset();
        state = State.GAVE_UP;
        listener.messageDone(finished);
    }

    /** The message ends inside its body: what was kept is not the whole body. */
    private void markBodyCut() {
        switch (state) {
            case BODY_FIXED, BODY_UNTIL_CLOSE, CHUNKED -> message.markBodyCut();
            default -> {
                // the body had not begun, or was whole
            }
        }
    }

    private void finish(String why, boolean cleanEnd) {
        boolean closeDelimited = state == State.BODY_UNTIL_CLOSE;
        if (!cleanEnd || !closeDelimited) {
            markBodyCut();
        }
        HttpMessage finished = message;
        message = null;
        head.reset();
        held.clear();
        if (state != State.SWITCHED) {
            state = State.ENDED;
        }
        if (finished != null) {
            if (!cleanEnd || !closeDelimited) {
                finished.fail(ItemError.CONNECTION, why + " before the message ended");
            }
            listener.messageDone(finished);
        }
    }
}
