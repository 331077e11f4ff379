package io.trawl.dissect.http;

/**
 * Parses request lines ({@code GET /a?b=1 HTTP/1.1}) and status lines ({@code HTTP/1.1 200 OK}), and refuses
 * bytes that cannot begin one as early as possible, so that a connection that is not HTTP is given up on
 * before a whole "line" of binary data has been buffered. Lenient where senders are: the request-target is
 * everything between the method and the version, and the reason phrase may be missing.
 */
final class StartLine {

    /** Longer than any registered method (UPDATEREDIRECTREF has 17 letters). */
    static final int MAX_METHOD_LENGTH = 20;
    /** How many first bytes of a start line are judged one by one: a method and its space. */
    static final int SNIFF_BYTES = MAX_METHOD_LENGTH + 1;
    private static final byte[] HTTP_1 = {'H', 'T', 'T', 'P', '/', '1', '.'};

    private StartLine() {
    }

    /**
     * Whether {@code next}, following the first {@code len} bytes of a line, may still begin a start line of this
     * kind. Only the first {@link #SNIFF_BYTES} bytes are judged.
     */
    static boolean plausibleNext(HttpMessage.Kind kind, byte[] line, int len, byte next) {
        if (kind == HttpMessage.Kind.RESPONSE) {
            return len >= HTTP_1.length || next == HTTP_1[len];
        }
        for (int i = 0; i < Math.min(len, SNIFF_BYTES); i++) {
            if (line[i] == ' ') {
                return true;
            }
        }
        if (next == ' ') {
            return len > 0;
        }
        return len < MAX_METHOD_LENGTH && isTokenChar(next);
    }

    /** Parses a request line into {@code message}; returns null when it is one, else why not. */
    static String parseRequest(String line, HttpMessage message) {
        int firstSpace = line.indexOf(' ');
        int lastSpace = line.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            return "not an HTTP/1.x request line: " + quote(line);
        }
        String method = line.substring(0, firstSpace);
        String target = line.substring(firstSpace + 1, lastSpace).trim();
        String version = line.substring(lastSpace + 1);
        if (!isToken(method) || target.isEmpty() || !isVersion(version)) {
            return "not an HTTP/1.x request line: " + quote(line);
        }
        message.requestLine(method, target, version);
        return null;
    }

    /** Parses a status line into {@code message}; returns null when it is one, else why not. */
    static String parseStatus(String line, HttpMessage message) {
        int space = line.indexOf(' ');
        String version = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1).stripLeading();
        if (!isVersion(version) || rest.length() < 3 || !isDigits(rest.substring(0, 3))
                || (rest.length() > 3 && rest.charAt(3) != ' ')) {
            return "not an HTTP/1.x status line: " + quote(line);
        }
        message.statusLine(version, Integer.parseInt(rest.substring(0, 3)), rest.substring(3).trim());
        return null;
    }

    /**
     * Takes what it can from the first bytes of a start line too long to keep: the method and the beginning of
     * the target of a request, the status of a response.
     */
    static void parseCut(String prefix, HttpMessage message) {
        if (message.kind() == HttpMessage.Kind.RESPONSE) {
            parseStatus(prefix, message);
            return;
        }
        int space = prefix.indexOf(' ');
        if (space > 0 && isToken(prefix.substring(0, space))) {
            message.requestLine(prefix.substring(0, space), prefix.substring(space + 1), null);
        }
    }

    private static boolean isVersion(String s) {
        return s.length() == 8 && s.startsWith("HTTP/1.") && Character.isDigit(s.charAt(7));
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7F || !isTokenChar((byte) c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 tchar. */
    static boolean isTokenChar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    private static String quote(String line) {
        return '"' + (line.length() > 64 ? line.substring(0, 64) + "..." : line) + '"';
    }
}
