package io.trawl.dissect.dns;

import io.trawl.dissect.dns.DnsMessage.Question;
import io.trawl.dissect.dns.DnsMessage.ResourceRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link DnsMessage} into the request and response maps of an item, in Kubeshark's shape and in a
 * fixed field order.
 *
 * <p>Request: {@code opCode}, {@code id}, {@code flags}, {@code questions} ({@code name}, {@code type},
 * {@code class}) and {@code additionals} (EDNS and TSIG of the query). Response: {@code code} (the response code's
 * name, "No Error", "Non-Existent Domain", ...), {@code rcode} (its number, extended by EDNS when OPT is present),
 * {@code truncated}, {@code id}, {@code opCode}, {@code flags}, {@code questions}, {@code answers},
 * {@code authorities}, {@code additionals}.
 *
 * <p>A record has {@code name}, {@code type}, {@code class}, {@code ttl} and one data field named for its type:
 * {@code ip} (A, AAAA), {@code cname}, {@code ns}, {@code ptr} (a name), {@code mx}
 * ({@code {"preference": 10, "exchange": "mx.example.com"}}), {@code txts} (list of strings), {@code soa}
 * ({@code mname, rname, serial, refresh, retry, expire, minimum}), {@code srv}
 * ({@code priority, weight, port, target}), {@code opt} ({@code udpPayloadSize, extendedRcode, version, do,
 * options} with each option's {@code code} and hex {@code data}), else {@code data}: the record data in hex.
 * Names are as tshark shows them, so the two can be compared directly: no trailing dot, the root as
 * {@code <Root>}; dig would add a trailing dot.
 */
public final class DnsItemMapper {

    private DnsItemMapper() {
    }

    public static Map<String, Object> request(DnsMessage m) {
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(5);
        out.put("opCode", DnsMnemonics.opcode(m.opcode()));
        out.put("id", m.id());
        out.put("flags", flags(m));
        out.put("questions", questions(m.questions()));
        out.put("additionals", records(m.additionals()));
        return out;
    }

    public static Map<String, Object> response(DnsMessage m) {
        int rcode = m.extendedRcode();
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(10);
        out.put("code", DnsMnemonics.rcode(rcode));
        out.put("rcode", rcode);
        out.put("truncated", m.tc());
        out.put("id", m.id());
        out.put("opCode", DnsMnemonics.opcode(m.opcode()));
        out.put("flags", flags(m));
        out.put("questions", questions(m.questions()));
        out.put("answers", records(m.answers()));
        out.put("authorities", records(m.authorities()));
        out.put("additionals", records(m.additionals()));
        return out;
    }

    private static Map<String, Object> flags(DnsMessage m) {
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(6);
        out.put("aa", m.aa());
        out.put("tc", m.tc());
        out.put("rd", m.rd());
        out.put("ra", m.ra());
        out.put("ad", m.ad());
        out.put("cd", m.cd());
        return out;
    }

    private static List<Object> questions(List<Question> questions) {
        List<Object> out = new ArrayList<>(questions.size());
        for (Question q : questions) {
            Map<String, Object> question = LinkedHashMap.newLinkedHashMap(3);
            question.put("name", q.name());
            question.put("type", DnsMnemonics.type(q.type()));
            question.put("class", DnsMnemonics.dnsClass(q.dnsClass()));
            out.add(question);
        }
        return out;
    }

    private static List<Object> records(List<ResourceRecord> records) {
        List<Object> out = new ArrayList<>(records.size());
        for (ResourceRecord r : records) {
            out.add(record(r));
        }
        return out;
    }

    private static Map<String, Object> record(ResourceRecord r) {
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(5);
        out.put("name", r.name());
        out.put("type", DnsMnemonics.type(r.type()));
        out.put("class", DnsMnemonics.dnsClass(r.dnsClass()));
        out.put("ttl", r.ttl());
        switch (r.data()) {
            case DnsRecordData.Address a -> out.put("ip", a.ip());
            case DnsRecordData.DomainName d -> out.put(switch (r.type()) {
                case DnsMnemonics.CNAME -> "cname";
                case DnsMnemonics.NS -> "ns";
                default -> "ptr";
            }, d.name());
            case DnsRecordData.Mx mx -> out.put("mx", fields("preference", mx.preference(), "exchange", mx.exchange()));
            case DnsRecordData.Txt txt -> out.put("txts", txt.strings());
            case DnsRecordData.Soa soa -> {
                Map<String, Object> fields = fields("mname", soa.mname(), "rname", soa.rname());
                fields.put("serial", soa.serial());
                fields.put("refresh", soa.refresh());
                fields.put("retry", soa.retry());
                fields.put("expire", soa.expire());
                fields.put("minimum", soa.minimum());
                out.put("soa", fields);
            }
            case DnsRecordData.Srv srv -> {
                Map<String, Object> fields = fields("priority", srv.priority(), "weight", srv.weight());
                fields.put("port", srv.port());
                fields.put("target", srv.target());
                out.put("srv", fields);
            }
            case DnsRecordData.Opt opt -> {
                Map<String, Object> fields = fields("udpPayloadSize", opt.udpPayloadSize(), "extendedRcode",
                        opt.extendedRcode());
                fields.put("version", opt.version());
                fields.put("do", opt.dnssecOk());
                List<Object> options = new ArrayList<>(opt.options().size());
                for (DnsRecordData.EdnsOption option : opt.options()) {
                    options.add(fields("code", option.code(), "data", option.dataHex()));
                }
                fields.put("options", options);
                out.put("opt", fields);
            }
            case DnsRecordData.Opaque opaque -> out.put("data", opaque.hex());
        }
        return out;
    }

    private static Map<String, Object> fields(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(2);
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }
}
