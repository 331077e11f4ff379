package io.trawl.dissect.dns;

import java.util.List;
import java.util.Optional;

/**
 * One DNS message as {@link DnsParser} reads it: the header fields (RFC 1035 section 4.1.1, plus the AD and
 * CD bits of RFC 4035) and the four sections. For an UPDATE (opcode 5) the sections are, in order, zone,
 * prerequisites, updates and additional data; they keep the query names here.
 *
 * @param id          the transaction id that pairs a response with its query
 * @param qr          true for a response
 * @param opcode      kind of query, 0 for a standard query
 * @param aa          authoritative answer
 * @param tc          truncated
 * @param rd          recursion desired
 * @param ra          recursion available
 * @param ad          authentic data
 * @param cd          checking disabled
 * @param rcode       the 4-bit response code of the header; see {@link #extendedRcode()}
 * @param size        bytes of the message on the wire (without a TCP length prefix)
 */
public record DnsMessage(int id, boolean qr, int opcode, boolean aa, boolean tc, boolean rd, boolean ra, boolean ad,
                         boolean cd, int rcode, List<Question> questions, List<ResourceRecord> answers,
                         List<ResourceRecord> authorities, List<ResourceRecord> additionals, int size) {

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** One entry of the question section. Names are in presentation form; see {@link DnsParser}. */
    public record Question(String name, int type, int dnsClass) {
    }

    /** One resource record of the answer, authority or additional section. */
    public record ResourceRecord(String name, int type, int dnsClass, long ttl, DnsRecordData data) {
    }

    /** The EDNS pseudo-record (RFC 6891) of the additional section, if there is one. */
    public Optional<DnsRecordData.Opt> edns() {
        for (ResourceRecord r : additionals) {
            if (r.data() instanceof DnsRecordData.Opt opt) {
                return Optional.of(opt);
            }
        }
        return Optional.empty();
    }

    /** The response code with EDNS's upper 8 bits when the message carries OPT, else the header's 4 bits. */
    public int extendedRcode() {
        return edns().map(opt -> (opt.extendedRcode() << 4) | rcode).orElse(rcode);
    }
}
