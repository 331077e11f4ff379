package io.trawl.dissect.dns;

import java.util.List;

/**
 * The data of one resource record, decoded for the types Trawl shows and kept as hex for the rest
 * (RFC 3597's treatment of unknown types). Names are in presentation form; see {@link DnsParser}.
 */
public sealed interface DnsRecordData {

    /** A or AAAA: the address in its usual text form (RFC 5952 for IPv6). */
    record Address(String ip) implements DnsRecordData {
    }

    /** CNAME, NS or PTR: one domain name. */
    record DomainName(String name) implements DnsRecordData {
    }

    /** MX: preference, lower is preferred, and the mail exchange host. */
    record Mx(int preference, String exchange) implements DnsRecordData {
    }

    /** TXT: the character strings, each decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD). */
    record Txt(List<String> strings) implements DnsRecordData {
        public Txt {
            strings = List.copyOf(strings);
        }
    }

    /** SOA: the zone's primary server, its mailbox and the five timers. */
    record Soa(String mname, String rname, long serial, long refresh, long retry, long expire, long minimum)
            implements DnsRecordData {
    }

    /** SRV (RFC 2782). */
    record Srv(int priority, int weight, int port, String target) implements DnsRecordData {
    }

    /**
     * OPT (RFC 6891), read from the record's class and TTL fields: the sender's UDP payload size, the upper 8
     * bits of the response code, the EDNS version, the DO bit, and the options as code plus hex data.
     */
    record Opt(int udpPayloadSize, int extendedRcode, int version, boolean dnssecOk, List<EdnsOption> options)
            implements DnsRecordData {
        public Opt {
            options = List.copyOf(options);
        }
    }

    /** One EDNS option (client subnet, cookie, padding, ...) left undecoded. */
    record EdnsOption(int code, String dataHex) {
    }

    /** Any other type: the record data as lowercase hex. */
    record Opaque(String hex) implements DnsRecordData {
    }
}
