package io.trawl.dissect.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cookie names to values, from a request's {@code Cookie} fields ({@code a=1; b=2}) or a response's
 * {@code Set-Cookie} fields (the {@code name=value} before the first {@code ;}; attributes left out). A name
 * sent twice in {@code Cookie} keeps its first value, the one the client ranked first (RFC 6265 section 5.4);
 * in {@code Set-Cookie} the last one wins, as in a browser's jar. Values are as sent, quotes included.
 */
final class Cookies {

    private Cookies() {
    }

    static Map<String, Object> fromCookie(List<String> fields) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> cookies = new LinkedHashMap<>();
        for (String field : fields) {
            for (String pair : field.split(";")) {
                String[] nameValue = nameValue(pair);
                if (nameValue != null) {
                    cookies.putIfAbsent(nameValue[0], nameValue[1]);
                }
            }
        }
        return cookies;
    }

    static Map<String, Object> fromSetCookie(List<String> fields) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> cookies = new LinkedHashMap<>();
        for (String field : fields) {
            int semicolon = field.indexOf(';');
            String[] nameValue = nameValue(semicolon >= 0 ? field.substring(0, semicolon) : field);
            if (nameValue != null) {
                cookies.put(nameValue[0], nameValue[1]);
            }
        }
        return cookies;
    }

    private static String[] nameValue(String pair) {
        int eq = pair.indexOf('=');
        String name = (eq >= 0 ? pair.substring(0, eq) : pair).strip();
        if (name.isEmpty()) {
            return null;
        }
        return new String[] {name, eq >= 0 ? pair.substring(eq + 1).strip() : ""};
    }
}
