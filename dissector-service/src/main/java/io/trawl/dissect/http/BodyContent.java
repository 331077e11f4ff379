package io.trawl.dissect.http;

import io.trawl.model.item.Utf8Text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A message body as the item shows it (HAR's {@code content} and {@code postData}): content codings undone
 * within {@code maxDecodedBodyBytes}, then text in the declared charset for textual media types, or base64 for
 * binary ones (HAR's {@code encoding: "base64"}). Without a charset, UTF-8 is taken when the bytes are valid
 * UTF-8 and ISO-8859-1 (HTTP/1.1's historical default) otherwise; a body with no or a multipart media type is
 * text when it is valid UTF-8 without control characters, else base64.
 *
 * @param size        decoded size: the bytes after content decoding, or the body size when nothing was decoded;
 *                    only what was decoded when decoding was cut
 * @param compression bytes saved by the content coding, or null when nothing was decoded or decoding was cut
 * @param text        the body as text or base64, kept as its UTF-8 bytes where it arrived as such
 * @param base64      whether {@code text} is base64
 * @param truncated   whether {@code text} is less than the whole body (a limit, a gap, a cut connection)
 * @param problem     why decoding stopped early or failed, or null
 */
record BodyContent(long size, Long compression, Utf8Text text, boolean base64, boolean truncated, String problem) {

    static BodyContent of(HttpMessage m, int maxDecodedBodyBytes) {
        byte[] bytes = m.body();
        int length = m.bodyLength();
        boolean cut = m.bodyCut();
        long size = m.bodySize();
        Long compression = null;
        String problem = null;
        List<String> codings = m.headers().tokens("Content-Encoding");
        if (length > 0 && hasCoding(codings)) {
            ContentDecoder.Decoded decoded = ContentDecoder.decode(codings, bytes, length, maxDecodedBodyBytes);
            bytes = decoded.bytes();
            length = decoded.length();
            problem = decoded.problem();
            if (decoded.decoded()) {
                size = length;
                cut |= decoded.cut();
                compression = cut ? null : length - m.bodySize();
            }
        }
        String contentType = m.headers().first("Content-Type");
        Utf8Text text = render(bytes, length, contentType, cut);
        boolean base64 = text == null;
        if (base64) {
            byte[] encoded = Base64.getEncoder().encode(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
            text = Utf8Text.ofValidUtf8(encoded, 0, encoded.length);
        }
        return new BodyContent(size, compression, text, base64, cut, problem);
    }

    /** Whether a content coding other than identity is listed. */
    private static boolean hasCoding(List<String> codings) {
        for (String c : codings) {
            if (!c.equals("identity")) {
                return true;
            }
        }
        return false;
    }

    /** The media type without parameters, lower case; "" when none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip().toLowerCase(Locale.ROOT);
    }

    /** The text of the body, or null when it is to be shown as base64. */
    private static Utf8Text render(byte[] b, int length, String contentType, boolean cut) {
        String type = mediaType(contentType);
        if (isTextual(type)) {
            Charset charset = declaredCharset(contentType);
            if (charset != null) {
                // valid UTF-8 declared as UTF-8 is kept as its bytes: decoding it would give the same text
                return charset.equals(StandardCharsets.UTF_8) && WireText.validUtf8Length(b, 0, length, false) == length
                        ? Utf8Text.ofValidUtf8(b, 0, length)
                        : Utf8Text.of(new String(b, 0, length, charset));
            }
            int valid = WireText.validUtf8Length(b, 0, length, cut);
            return valid >= 0 ? Utf8Text.ofValidUtf8(b, 0, valid)
                    : Utf8Text.of(new String(b, 0, length, StandardCharsets.ISO_8859_1));
        }
        if (type.isEmpty() || type.startsWith("multipart/")) {
            int valid = WireText.validUtf8Length(b, 0, length, cut);
            return valid >= 0 && !hasBinaryControl(b, valid) ? Utf8Text.ofValidUtf8(b, 0, valid) : null;
        }
        return null;
    }

    static boolean isTextual(String type) {
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.contains("ecmascript") || type.contains("yaml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
    }

    /** A control character other than tab, line feed, form feed and carriage return; in UTF-8 only ASCII bytes are. */
    private static boolean hasBinaryControl(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            int c = b[i];
            if (c >= 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return true;
            }
        }
        return false;
    }

    private static Charset declaredCharset(String contentType) {
        for (String parameter : contentType.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String name = parameter.substring(eq + 1).strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException unknownOrIllegal) {
                    return null;
                }
            }
        }
        return null;
    }
}
