package io.trawl.dissect.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields (or trailer fields) of one HTTP message in the order they were sent, names spelled as on
 * the wire. Lookups ignore case. No limit of its own: the decoder bounds the header block it fills this from.
 */
public final class HttpHeaders {

    private final List<String> names = new ArrayList<>();
    /** Each name lower-cased once, when added: the item groups fields by it. */
    private final List<String> lowerNames = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    void add(String name, String value) {
        names.add(name);
        lowerNames.add(name.toLowerCase(Locale.ROOT));
        values.add(value);
    }

    /** Continues the last field's value with an obsolete line fold; false when there is no field to continue. */
    boolean continueLast(String continuation) {
        if (values.isEmpty()) {
            return false;
        }
        int last = values.size() - 1;
        values.set(last, values.get(last).isEmpty() ? continuation : values.get(last) + " " + continuation);
        return true;
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    /** The name of field {@code i} in lower case ({@link Locale#ROOT}). */
    public String lowerName(int i) {
        return lowerNames.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** The first value of the field, or null. */
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        List<String> found = List.of();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(1);
                }
                found.add(values.get(i));
            }
        }
        return found;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** The comma-separated elements of every value of the field, trimmed and lower-cased, empty ones left out. */
    public List<String> tokens(String name) {
        List<String> tokens = List.of();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equalsIgnoreCase(name)) {
                continue;
            }
            String value = values.get(i);
            for (int start = 0; start <= value.length(); ) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String t = value.substring(start, end).trim();
                if (!t.isEmpty()) {
                    if (tokens.isEmpty()) {
                        tokens = new ArrayList<>(2);
                    }
                    tokens.add(t.toLowerCase(Locale.ROOT));
                }
                start = end + 1;
            }
        }
        return tokens;
    }

    /** Whether the field lists {@code token} (compared ignoring case) among its comma-separated elements. */
    public boolean hasToken(String name, String token) {
        return tokens(name).contains(token.toLowerCase(Locale.ROOT));
    }
}
