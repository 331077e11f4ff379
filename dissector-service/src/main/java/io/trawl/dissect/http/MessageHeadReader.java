package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.ItemError;

/**
 * Reads the line-based parts of a message across reads: the start line, and a block of header or trailer
 * fields up to its blank line. Limits trip at the same byte however the stream is split: the first bytes of a
 * start line are judged one by one (so bytes that are not HTTP are refused at once), no line may exceed
 * {@code maxLineBytes}, and no byte past {@code maxHeaderBytes} of a block is taken. After each call,
 * {@link #problem()} says why the message cannot go on, or {@link #done()} that the line or block is complete.
 * A field line without a colon, or a fold with nothing to continue, only marks the message.
 */
final class MessageHeadReader {

    private final HttpMessage.Kind kind;
    private final DissectorLimits limits;
    private final LineBuffer line;
    private long trailerBytes;
    private boolean done;
    private String problem;

    MessageHeadReader(HttpMessage.Kind kind, DissectorLimits limits) {
        this.kind = kind;
        this.limits = limits;
        this.line = new LineBuffer(limits.maxLineBytes());
    }

    /** Starts a start line with bytes already matched (after a resynchronisation). */
    void prefill(byte[] token) {
        reset();
        line.put(token, 0, token.length);
    }

    void reset() {
        line.clear();
        trailerBytes = 0;
        done = false;
        problem = null;
    }

    boolean done() {
        return done;
    }

    String problem() {
        return problem;
    }

    /** Reads start-line bytes of {@code message} from {@code b[pos, end)}; returns where it stopped. */
    int startLine(HttpMessage message, byte[] b, int pos, int end) {
        done = false;
        int start = pos;
        while (pos < end && line.length() < StartLine.SNIFF_BYTES && !line.complete() && !line.tooLong()) {
            if (b[pos] != '\n' && !StartLine.plausibleNext(kind, line.bytes(), line.length(), b[pos])) {
                line.put(b, pos, 1);
                message.countHeaderBytes(pos + 1 - start);
                problem = "not HTTP/1.x: " + WireText.preview(line.bytes(), 0, line.length());
                return pos + 1;
            }
            pos += line.append(b, pos, pos + 1);
        }
        if (pos < end && !line.complete() && !line.tooLong()) {
            pos += line.append(b, pos, end);
        }
        message.countHeaderBytes(pos - start);
        if (line.tooLong()) {
            StartLine.parseCut(line.text(), message);
            problem = (kind == HttpMessage.Kind.REQUEST ? "request" : "status") + " line longer than "
                    + limits.maxLineBytes() + " bytes";
        } else if (line.complete()) {
            String text = line.text();
            line.clear();
            problem = kind == HttpMessage.Kind.REQUEST
                    ? StartLine.parseRequest(text, message) : StartLine.parseStatus(text, message);
            done = problem == null;
        }
        return pos;
    }

    /** Reads header ({@code trailers} false) or trailer field bytes; returns where it stopped. */
    int fields(HttpMessage message, boolean trailers, byte[] b, int pos, int end) {
        done = false;
        long budget = limits.maxHeaderBytes() + 1L - (trailers ? trailerBytes : message.headersSize());
        int n = budget <= 0 ? 0 : line.append(b, pos, (int) Math.min(end, pos + budget));
        if (trailers) {
            message.countFramingBytes(n);
            trailerBytes += n;
        } else {
            message.countHeaderBytes(n);
        }
        String block = trailers ? "trailer" : "header";
        if (line.tooLong()) {
            problem = block + " line longer than " + limits.maxLineBytes() + " bytes";
        } else if ((trailers ? trailerBytes : message.headersSize()) > limits.maxHeaderBytes()) {
            problem = block + " block larger than " + limits.maxHeaderBytes() + " bytes";
        } else if (line.complete()) {
            if (line.isEmpty()) {
                reset();
                done = true;
            } else {
                String text = line.text();
                line.clear();
                field(message, text, trailers ? message.trailers() : message.headers());
            }
        }
        return pos + n;
    }

    private static void field(HttpMessage message, String text, HttpHeaders fields) {
        if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
            if (!fields.continueLast(text.strip())) {
                message.fail(ItemError.DISSECTION, "folded header line with no field before it");
            }
            return;
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            message.fail(ItemError.DISSECTION, "header line without a field name and colon: "
                    + WireText.preview(text));
            return;
        }
        fields.add(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }
}
