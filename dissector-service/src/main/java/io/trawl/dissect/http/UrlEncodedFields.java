package io.trawl.dissect.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code name=value&name=value} as found in query strings and {@code application/x-www-form-urlencoded}
 * bodies. Names and values are percent-decoded as UTF-8, and {@code +} is a space, as browsers and servers
 * treat query strings; a {@code %} not followed by two hex digits stays as it is. A field without {@code =} has
 * the value "".
 */
final class UrlEncodedFields {

    private UrlEncodedFields() {
    }

    /** Name to value, in order of first appearance; a name given more than once maps to the list of its values. */
    static Map<String, Object> asObject(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String[] field : split(encoded)) {
            Object previous = fields.get(field[0]);
            if (previous == null) {
                fields.put(field[0], field[1]);
            } else if (previous instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) list;
                values.add(field[1]);
            } else {
                List<Object> values = new ArrayList<>(List.of(previous));
                values.add(field[1]);
                fields.put(field[0], values);
            }
        }
        return fields;
    }

    /** HAR's {@code params}: one {@code {name, value}} per field, in order. */
    static List<Map<String, Object>> asParams(String encoded) {
        List<Map<String, Object>> params = new ArrayList<>();
        for (String[] field : split(encoded)) {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("name", field[0]);
            param.put("value", field[1]);
            params.add(param);
        }
        return params;
    }

    private static List<String[]> split(String encoded) {
        List<String[]> fields = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq) : pair;
            String value = eq >= 0 ? pair.substring(eq + 1) : "";
            fields.add(new String[] {decode(name, true), decode(value, true)});
        }
        return fields;
    }

    /** Percent-decodes {@code s} as UTF-8; with {@code plusIsSpace}, {@code +} becomes a space. */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0 && s.charAt(i + 1) < 0x80 && s.charAt(i + 2) < 0x80) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = s.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
