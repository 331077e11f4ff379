package io.trawl.dissect.detect;

import io.trawl.dissect.dns.DnsDissector;
import io.trawl.dissect.http.HttpConnection;

/** The dissectors Trawl ships: HTTP/1.x on TCP, DNS on UDP and TCP. */
public final class StandardDissectors {

    private StandardDissectors() {
    }

    public static DissectorRegistry registry() {
        return new DissectorRegistry()
                .stream(AppProtocol.HTTP, HttpConnection::new)
                .stream(AppProtocol.DNS, DnsDissector::tcp)
                .datagram(AppProtocol.DNS, DnsDissector::udp);
    }
}
