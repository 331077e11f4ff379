package io.trawl.integrations.snapshot;

import java.net.InetAddress;

/** IP address literals, parsed without ever asking DNS. */
final class Addresses {

    private Addresses() {
    }

    /** @throws IllegalArgumentException when {@code text} is not an IPv4 or IPv6 literal */
    static InetAddress parse(String text) {
        try {
            return InetAddress.ofLiteral(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address", e);
        }
    }
}
