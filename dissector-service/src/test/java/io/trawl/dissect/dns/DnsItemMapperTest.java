package io.trawl.dissect.dns;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DnsItemMapperTest {

    private static DnsMessage rich() throws DnsFormatException {
        byte[] message = DnsParserTest.richResponse();
        return DnsParser.parse(message, 0, message.length);
    }

    @Test
    void requestHasKubesharksFieldsInAFixedOrder() throws Exception {
        byte[] query = DnsWire.query(0x2222, "example.com", 15);
        Map<String, Object> request = DnsItemMapper.request(DnsParser.parse(query, 0, query.length));

        assertThat(request).containsOnlyKeys("opCode", "id", "flags", "questions", "additionals");
        assertThat(List.copyOf(request.keySet())).containsExactly("opCode", "id", "flags", "questions", "additionals");
        assertThat(request.get("questions")).isEqualTo(List.of(Map.of("name", "example.com", "type", "MX",
                "class", "IN")));
        assertThat(request.get("flags")).isEqualTo(Map.of("aa", false, "tc", false, "rd", true, "ra", false,
                "ad", false, "cd", false));
    }

    @Test
    void responseHasCodeRcodeTruncatedAndTheThreeRecordSections() throws Exception {
        Map<String, Object> response = DnsItemMapper.response(rich());

        assertThat(List.copyOf(response.keySet())).containsExactly("code", "rcode", "truncated", "id", "opCode",
                "flags", "questions", "answers", "authorities", "additionals");
        assertThat(response).containsEntry("code", "No Error").containsEntry("rcode", 0)
                .containsEntry("truncated", false).containsEntry("id", 0x1234);
    }

    @Test
    void eachRecordTypeGetsItsOwnDataField() throws Exception {
        Map<String, Object> response = DnsItemMapper.response(rich());

        assertThat(records(response, "answers")).extracting(r -> r.get("type") + "=" + dataField(r)).containsExactly(
                "A=ip:93.184.216.34",
                "AAAA=ip:2001:db8::1",
                "CNAME=cname:alias.example.com",
                "MX=mx:{preference=10, exchange=mx.example.com}",
                "TXT=txts:[v=spf1 -all, hello, ]",
                "NS=ns:ns1.example.com",
                "PTR=ptr:host.example.com",
                "SRV=srv:{priority=10, weight=60, port=5060, target=sip.example.com}",
                "TYPE65534=data:deadbeef");
        assertThat(records(response, "authorities")).extracting(DnsItemMapperTest::dataField).containsExactly(
                "soa:{mname=ns1.example.com, rname=hostmaster.example.com, serial=2024010101, refresh=7200,"
                        + " retry=3600, expire=1209600, minimum=300}");
        assertThat(records(response, "additionals")).extracting(DnsItemMapperTest::dataField).containsExactly(
                "opt:{udpPayloadSize=1232, extendedRcode=0, version=0, do=true, options=[{code=10,"
                        + " data=0102030405060708}]}",
                "data:0b686d61632d736861323536000000650a1b2c012c0000");
        assertThat(records(response, "answers").getFirst()).containsExactly(Map.entry("name", "www.example.com"),
                Map.entry("type", "A"), Map.entry("class", "IN"), Map.entry("ttl", 300L),
                Map.entry("ip", "93.184.216.34"));
    }

    @Test
    void additionalsOfAResponseShowTheOptClassAsItsNumber() throws Exception {
        assertThat(records(DnsItemMapper.response(rich()), "additionals").getFirst())
                .containsEntry("name", "<Root>").containsEntry("type", "OPT").containsEntry("class", "CLASS1232");
    }

    /** A record's data field, the last one, as "field:value". */
    private static String dataField(Map<String, Object> record) {
        String field = List.copyOf(record.keySet()).getLast();
        return field + ":" + record.get(field);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Map<String, Object> response, String section) {
        return (List<Map<String, Object>>) response.get(section);
    }
}
