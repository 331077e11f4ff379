package io.trawl.dissect.http;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Undoes the content codings of a body: {@code gzip} (and {@code x-gzip}) and {@code deflate}, which in the wild
 * is zlib-wrapped as the RFC says or raw deflate as some servers send, told apart by the zlib header. Safe
 * against decompression bombs: output stops at {@code maxDecodedBytes} and the result says it was cut. Codings
 * are undone last-applied first; one it does not know ({@code br}, {@code zstd}) stops decoding there and is
 * named in the result. A body cut short decodes as far as it goes.
 */
final class ContentDecoder {

    private static final int CHUNK = 8192;

    /**
     * @param bytes   the output: the first {@code length} bytes
     * @param decoded whether any coding was undone
     * @param cut     whether the output is less than the whole decoded body (input cut short or limit reached)
     * @param problem why decoding stopped early or failed, or null
     */
    record Decoded(byte[] bytes, int length, boolean decoded, boolean cut, String problem) {
    }

    private ContentDecoder() {
    }

    static Decoded decode(List<String> codings, byte[] body, int length, int maxDecodedBytes) {
        Decoded current = new Decoded(body, length, false, false, null);
        for (String coding : codings.reversed()) {
            Decoded next = switch (coding) {
                case "identity" -> current;
                case "gzip", "x-gzip" -> gunzip(current.bytes(), current.length(), maxDecodedBytes);
                case "deflate" -> inflate(current.bytes(), current.length(), maxDecodedBytes);
                default -> new Decoded(current.bytes(), current.length(), false, false,
                        "content coding " + coding + " not decoded");
            };
            current = new Decoded(next.bytes(), next.length(), current.decoded() || next.decoded(),
                    current.cut() || next.cut(), next.problem());
            if (next.problem() != null && !next.decoded()) {
                break;
            }
        }
        return current;
    }

    private static Decoded gunzip(byte[] in, int length, int max) {
        Output out = new Output(max, length);
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in, 0, length), CHUNK)) {
            byte[] chunk = new byte[CHUNK];
            for (int n = gzip.read(chunk); n > 0; n = gzip.read(chunk)) {
                if (!out.add(chunk, n)) {
                    return out.limitReached();
                }
            }
            return out.whole();
        } catch (EOFException e) {
            return out.inputCut("gzip");
        } catch (IOException e) {
            return out.invalid(in, length, "gzip", e.getMessage());
        }
    }

    private static Decoded inflate(byte[] in, int length, int max) {
        boolean zlib = length >= 2 && (in[0] & 0x0F) == 8 && (in[0] & 0xF0) <= 0x70
                && (((in[0] & 0xFF) << 8) | (in[1] & 0xFF)) % 31 == 0;
        Decoded result = inflate(in, length, max, !zlib);
        if (zlib && !result.decoded() && result.problem() != null) {
            result = inflate(in, length, max, true);
        }
        return result;
    }

    private static Decoded inflate(byte[] in, int length, int max, boolean raw) {
        Output out = new Output(max, length);
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(in, 0, length);
            byte[] chunk = new byte[CHUNK];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        return out.invalid(in, length, "deflate", "needs a preset dictionary");
                    }
                    return out.inputCut("deflate");
                }
                if (!out.add(chunk, n)) {
                    return out.limitReached();
                }
            }
            return out.whole();
        } catch (DataFormatException e) {
            return out.invalid(in, length, "deflate", e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Decoded bytes, up to the limit. */
    private static final class Output {
        private final int max;
        private byte[] buf;
        private int length;

        Output(int max, int inputLength) {
            this.max = max;
            this.buf = new byte[Math.min(max, Math.max(CHUNK, inputLength * 4))];
        }

        /** Adds what fits; false when the limit cut it. */
        boolean add(byte[] chunk, int n) {
            int fits = Math.min(n, max - length);
            if (length + fits > buf.length) {
                buf = Arrays.copyOf(buf, Math.min(max, Math.max(length + fits, buf.length * 2)));
            }
            System.arraycopy(chunk, 0, buf, length, fits);
            length += fits;
            return fits == n;
        }

        Decoded whole() {
            return new Decoded(buf, length, true, false, null);
        }

        Decoded limitReached() {
            return new Decoded(buf, length, true, true, "decoded body cut at " + max + " bytes");
        }

        Decoded inputCut(String coding) {
            return new Decoded(buf, length, true, true, coding + " data ends early");
        }

        Decoded invalid(byte[] in, int inLength, String coding, String why) {
            String problem = "invalid " + coding + " data: " + why;
            return length > 0 ? new Decoded(buf, length, true, true, problem)
                    : new Decoded(in, inLength, false, false, problem);
        }
    }
}
