package io.trawl.dissect.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a request-target (RFC 9112 section 3.2) in any of its forms: origin ({@code /a/b?x=1}),
 * absolute ({@code http://host/a?x=1}, sent to proxies), authority ({@code host:443}, for CONNECT) and
 * asterisk ({@code *}, for OPTIONS).
 *
 * @param path     the path, percent-decoded ({@code +} stays a plus); "" for the authority form
 * @param segments the non-empty path segments, each percent-decoded, so an encoded slash stays inside its
 *                 segment
 * @param query    the query after {@code ?}, undecoded, without any fragment; null when there is none
 * @param absolute whether the target already names scheme and host
 */
record RequestTarget(String path, List<String> segments, String query, boolean absolute) {

    static RequestTarget parse(String method, String target) {
        if ("CONNECT".equals(method) || target.equals("*")) {
            return new RequestTarget(target.equals("*") ? "*" : "", List.of(), null, true);
        }
        String rest = target;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        boolean absolute = !rest.startsWith("/") && rest.contains("://");
        if (absolute) {
            int authority = rest.indexOf("://") + 3;
            int pathStart = firstOf(rest, authority, '/', '?');
            rest = pathStart < 0 ? "/" : rest.charAt(pathStart) == '?' ? "/" + rest.substring(pathStart)
                    : rest.substring(pathStart);
        }
        int question = rest.indexOf('?');
        String rawPath = question >= 0 ? rest.substring(0, question) : rest;
        String query = question >= 0 ? rest.substring(question + 1) : null;
        List<String> segments = new ArrayList<>();
        for (int start = 0; start < rawPath.length(); ) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? rawPath.length() : slash;
            if (end > start) {
                segments.add(UrlEncodedFields.decode(rawPath.substring(start, end), false));
            }
            start = end + 1;
        }
        return new RequestTarget(UrlEncodedFields.decode(rawPath, false), segments, query, absolute);
    }

    /**
     * The target as an absolute URI: as sent when it already is one, else {@code http://} with the Host field
     * before it; the target alone when there is no Host.
     */
    static String absoluteUri(RequestTarget parts, String target, String host) {
        if (parts.absolute() || host == null || host.isEmpty()) {
            return target;
        }
        return "http://" + host + target;
    }

    private static int firstOf(String s, int from, char a, char b) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
