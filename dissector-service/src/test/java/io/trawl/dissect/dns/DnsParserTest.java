package io.trawl.dissect.dns;

import io.trawl.dissect.dns.DnsMessage.Question;
import io.trawl.dissect.dns.DnsMessage.ResourceRecord;
import io.trawl.dissect.dns.DnsRecordData.Address;
import io.trawl.dissect.dns.DnsRecordData.DomainName;
import io.trawl.dissect.dns.DnsRecordData.EdnsOption;
import io.trawl.dissect.dns.DnsRecordData.Mx;
import io.trawl.dissect.dns.DnsRecordData.Opaque;
import io.trawl.dissect.dns.DnsRecordData.Opt;
import io.trawl.dissect.dns.DnsRecordData.Soa;
import io.trawl.dissect.dns.DnsRecordData.Srv;
import io.trawl.dissect.dns.DnsRecordData.Txt;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class DnsParserTest {

    private static final int WWW = 12;      // "www.example.com" in the question
    private static final int EXAMPLE = 16;  // its "example.com" suffix

    /** A response with every decoded record type, compressed names, an unknown type, EDNS and TSIG. */
    static byte[] richResponse() {
        DnsWire w = DnsWire.header(0x1234, 0x8180, 1, 9, 1, 2).question("www.example.com", 1, 1);
        w.pointer(WWW).rr(1, 1, 300, d -> d.hex("5db8d822"));
        w.pointer(WWW).rr(28, 1, 300, d -> d.hex("20010db8000000000000000000000001"));
        w.pointer(WWW).rr(5, 1, 60, d -> d.labels("alias").pointer(EXAMPLE));
        w.pointer(EXAMPLE).rr(15, 1, 3600, d -> d.u16(10).labels("mx").pointer(EXAMPLE));
        w.pointer(EXAMPLE).rr(16, 1, 3600, d -> d.u8(11).bytes("v=spf1 -all".getBytes()).u8(5)
                .bytes("hello".getBytes()).u8(0));
        w.pointer(EXAMPLE).rr(2, 1, 86400, d -> d.labels("ns1").pointer(EXAMPLE));
        w.name("1.2.0.192.in-addr.arpa").rr(12, 1, 3600, d -> d.labels("host").pointer(EXAMPLE));
        w.labels("_sip._tcp").pointer(EXAMPLE).rr(33, 1, 3600, d -> d.u16(10).u16(60).u16(5060).labels("sip")
                .pointer(EXAMPLE));
        w.pointer(EXAMPLE).rr(65534, 1, 0, d -> d.hex("deadbeef"));
        w.pointer(EXAMPLE).rr(6, 1, 300, d -> d.labels("ns1").pointer(EXAMPLE).labels("hostmaster")
                .pointer(EXAMPLE).u32(2024010101L).u32(7200).u32(3600).u32(1209600).u32(300));
        w.u8(0).rr(41, 1232, 0x00008000L, d -> d.u16(10).u16(8).hex("0102030405060708"));
        w.name("key-ns2").rr(250, 255, 0, d -> d.name("hmac-sha256").hex("0000650a1b2c012c0000"));
        return w.toBytes();
    }

    @Test
    void queryHeaderAndQuestionAreRead() throws Exception {
        DnsMessage m = DnsParser.parse(DnsWire.query(0xBEEF, "example.com", 28), 0, 29);

        assertThat(m.id()).isEqualTo(0xBEEF);
        assertThat(m.qr()).isFalse();
        assertThat(m.opcode()).isZero();
        assertThat(m.rd()).isTrue();
        assertThat(m.questions()).containsExactly(new Question("example.com", 28, 1));
        assertThat(m.answers()).isEmpty();
        assertThat(m.size()).isEqualTo(29);
    }

    @Test
    void everyDecodedRecordTypeIsRead() throws Exception {
        DnsMessage m = DnsParser.parse(richResponse(), 0, richResponse().length);

        assertThat(m.qr()).isTrue();
        assertThat(m.ra()).isTrue();
        assertThat(m.answers()).containsExactly(
                new ResourceRecord("www.example.com", 1, 1, 300, new Address("93.184.216.34")),
                new ResourceRecord("www.example.com", 28, 1, 300, new Address("2001:db8::1")),
                new ResourceRecord("www.example.com", 5, 1, 60, new DomainName("alias.example.com")),
                new ResourceRecord("example.com", 15, 1, 3600, new Mx(10, "mx.example.com")),
                new ResourceRecord("example.com", 16, 1, 3600, new Txt(List.of("v=spf1 -all", "hello", ""))),
                new ResourceRecord("example.com", 2, 1, 86400, new DomainName("ns1.example.com")),
                new ResourceRecord("1.2.0.192.in-addr.arpa", 12, 1, 3600, new DomainName("host.example.com")),
                new ResourceRecord("_sip._tcp.example.com", 33, 1, 3600, new Srv(10, 60, 5060, "sip.example.com")),
                new ResourceRecord("example.com", 65534, 1, 0, new Opaque("deadbeef")));
        assertThat(m.authorities()).containsExactly(new ResourceRecord("example.com", 6, 1, 300,
                new Soa("ns1.example.com", "hostmaster.example.com", 2024010101L, 7200, 3600, 1209600, 300)));
        assertThat(m.additionals()).containsExactly(
                new ResourceRecord(DnsParser.ROOT, 41, 1232, 0x8000, new Opt(1232, 0, 0, true,
                        List.of(new EdnsOption(10, "0102030405060708")))),
                new ResourceRecord("key-ns2", 250, 255, 0,
                        new Opaque("0b686d61632d73686132353600" + "0000650a1b2c012c0000")));
        assertThat(m.edns()).get().extracting(Opt::udpPayloadSize).isEqualTo(1232);
    }

    @Test
    void messageInsideALargerBufferUsesOffsetsFromItsOwnStart() throws Exception {
        byte[] message = richResponse();
        byte[] padded = new byte[message.length + 9];
        Arrays.fill(padded, (byte) 0xC0);
        System.arraycopy(message, 0, padded, 5, message.length);

        assertThat(DnsParser.parse(padded, 5, message.length)).isEqualTo(DnsParser.parse(message, 0, message.length));
    }

    @Test
    void everyPrefixOfAValidMessageIsAFormatErrorAndNothingElse() {
        byte[] message = richResponse();
        for (int length = 0; length < message.length; length++) {
            Throwable thrown = catchThrowable(parse(Arrays.copyOf(message, length)));
            assertThat(thrown).as("prefix of %d bytes", length).isInstanceOf(DnsFormatException.class);
        }
    }

    @Test
    void pointerToItselfIsRejected() {
        byte[] message = DnsWire.header(1, 0, 1, 0, 0, 0).pointer(12).u16(1).u16(1).toBytes();

        assertThatThrownBy(parse(message)).isInstanceOf(DnsFormatException.class)
                .hasMessage("compression pointer to 12 does not point before the labels it ends (12) at offset 12");
    }

    @Test
    void forwardPointerIsRejected() {
        byte[] message = DnsWire.header(1, 0, 2, 0, 0, 0).pointer(18).u16(1).u16(1).question("a", 1, 1).toBytes();

        assertThatThrownBy(parse(message)).isInstanceOf(DnsFormatException.class)
                .hasMessageContaining("compression pointer to 18 does not point before");
    }

    @Test
    void pointerLoopThroughAnEarlierNameIsRejected() {
        // Name 1 at 12 is "a" then a pointer to name 2's label; name 2 at 19 is "b" then a pointer back to 12.
        byte[] message = DnsWire.header(1, 0, 2, 0, 0, 0).labels("a").pointer(19).u16(1).u16(1)
                .labels("b").pointer(12).u16(1).u16(1).toBytes();

        assertThatThrownBy(parse(message)).isInstanceOf(DnsFormatException.class)
                .hasMessageContaining("compression pointer to 19 does not point before");
    }

    @Test
    void pointerIntoTheHeaderIsRejected() {
        byte[] message = DnsWire.header(1, 0, 1, 0, 0, 0).pointer(4).u16(1).u16(1).toBytes();

        assertThatThrownBy(parse(message)).hasMessage("compression pointer to 4 points into the header at offset 12");
    }

    @Test
    void longChainOfPointersIsCutAtTheHopLimit() {
        int questions = DnsParser.MAX_POINTER_HOPS + 2;
        DnsWire w = DnsWire.header(1, 0, questions, 0, 0, 0).question("a", 1, 1);
        int previous = 12;
        for (int i = 1; i < questions; i++) {
            int here = w.offset();
            w.pointer(previous).u16(1).u16(1);
            previous = here;
        }

        assertThatThrownBy(parse(w.toBytes())).hasMessageContaining("more than 64 compression pointers");
    }

    @Test
    void nameLongerThan255BytesThroughPointersIsRejected() {
        String label = "x".repeat(60);
        DnsWire w = DnsWire.header(1, 0, 5, 0, 0, 0).question(label, 1, 1);
        int previous = 12;
        for (int i = 1; i < 5; i++) {
            int here = w.offset();
            w.labels(label).pointer(previous).u16(1).u16(1);
            previous = here;
        }

        assertThatThrownBy(parse(w.toBytes())).hasMessageContaining("name is longer than 255 bytes");
    }

    @Test
    void nameOfExactly255BytesIsAccepted() throws Exception {
        // Wire form: 3 labels of 1 + 63 bytes, 1 of 1 + 61, and the root's zero: 255 bytes.
        String name = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        byte[] message = DnsWire.header(1, 0, 1, 0, 0, 0).question(name, 1, 1).toBytes();

        assertThat(DnsParser.parse(message, 0, message.length).questions().getFirst().name()).isEqualTo(name);
        byte[] oneLonger = DnsWire.header(1, 0, 1, 0, 0, 0).question(name + "d", 1, 1).toBytes();
        assertThatThrownBy(parse(oneLonger)).hasMessage("name is longer than 255 bytes at offset 267");
    }

    @Test
    void extendedLabelTypeIsRejected() {
        byte[] message = DnsWire.header(1, 0, 1, 0, 0, 0).u8(0x41).u8(0).u16(1).u16(1).toBytes();

        assertThatThrownBy(parse(message)).hasMessage("label type 0x40 is not supported at offset 12");
    }

    @Test
    void addressOfTheWrongLengthIsRejected() {
        byte[] message = DnsWire.header(1, 0x8000, 0, 1, 0, 0).name("a").rr(1, 1, 0, d -> d.hex("0102030405"))
                .toBytes();

        assertThatThrownBy(parse(message)).hasMessage("A data is 5 bytes; it must be 4 at offset 25");
    }

    @Test
    void recordDataLongerThanItsFieldsIsRejected() {
        byte[] message = DnsWire.header(1, 0x8000, 0, 1, 0, 0).name("a")
                .rr(15, 1, 0, d -> d.u16(5).name("mx").u8(0)).toBytes();

        assertThatThrownBy(parse(message)).hasMessage("MX data is 7 bytes but its fields take 6 at offset 25");
    }

    @Test
    void nameInRecordDataMayNotRunPastTheData() {
        byte[] message = DnsWire.header(1, 0x8000, 0, 1, 0, 0).name("a")
                .rr(5, 1, 0, d -> d.u8(5).bytes("ab".getBytes())).u8(0).u8(0).u8(0).toBytes();

        assertThatThrownBy(parse(message)).hasMessage("label of 5 bytes runs past the end of its data at offset 25");
    }

    @Test
    void recordClaimingMoreDataThanRemainsIsRejected() {
        byte[] message = DnsWire.header(1, 0x8000, 0, 1, 0, 0).name("a").u16(1).u16(1).u32(0).u16(40).hex("01020304")
                .toBytes();

        assertThatThrownBy(parse(message))
                .hasMessage("answer record 0 (A) claims 40 bytes of data but 4 remain at offset 23");
    }

    @Test
    void truncatedResponseKeepsTheRecordsItHas() throws Exception {
        byte[] message = DnsWire.header(7, 0x8380, 1, 3, 0, 0).question("a", 1, 1)
                .pointer(12).rr(1, 1, 5, d -> d.hex("0a000001")).toBytes();

        DnsMessage m = DnsParser.parse(message, 0, message.length);

        assertThat(m.tc()).isTrue();
        assertThat(m.answers()).hasSize(1);
    }

    @Test
    void emptyRecordDataOfUpdateDeletionsIsKept() throws Exception {
        byte[] message = DnsWire.header(7, 0x2800, 1, 0, 1, 0).question("example.com", 6, 1)
                .name("host.example.com").u16(1).u16(255).u32(0).u16(0).toBytes();

        DnsMessage m = DnsParser.parse(message, 0, message.length);

        assertThat(m.opcode()).isEqualTo(5);
        assertThat(m.authorities()).containsExactly(new ResourceRecord("host.example.com", 1, 255, 0, new Opaque("")));
    }

    @Test
    void unusualLabelBytesAreEscapedAsInMasterFiles() throws Exception {
        byte[] message = DnsWire.header(1, 0, 1, 0, 0, 0).u8(3).bytes("a.b".getBytes()).u8(3).u8(7).u8(' ').u8('\\')
                .u8(0).u16(1).u16(1).toBytes();

        assertThat(DnsParser.parse(message, 0, message.length).questions().getFirst().name())
                .isEqualTo("a\\.b.\\007\\032\\\\");
    }

    @Test
    void rootNameIsShownAsTsharkShowsIt() throws Exception {
        byte[] message = DnsWire.header(1, 0, 1, 0, 0, 0).question("", 2, 1).toBytes();

        assertThat(DnsParser.parse(message, 0, message.length).questions().getFirst().name()).isEqualTo("<Root>");
    }

    @Test
    void extendedRcodeCombinesEdnsAndHeaderBits() throws Exception {
        byte[] message = DnsWire.header(1, 0x8000, 0, 0, 0, 1).u8(0).rr(41, 4096, 0x01000000L, d -> { })
                .toBytes();

        DnsMessage m = DnsParser.parse(message, 0, message.length);

        assertThat(m.rcode()).isZero();
        assertThat(m.extendedRcode()).isEqualTo(16);
        assertThat(DnsMnemonics.rcode(m.extendedRcode())).isEqualTo("Bad OPT Version");
    }

    @Test
    void headerAloneIsReadFromAMessageWhoseBodyIsBroken() throws Exception {
        byte[] message = DnsWire.header(0x4242, 0x8183, 1, 0, 0, 0).pointer(12).toBytes();

        DnsMessage header = DnsParser.parseHeader(message, 0, message.length);

        assertThat(header.id()).isEqualTo(0x4242);
        assertThat(header.qr()).isTrue();
        assertThat(header.rcode()).isEqualTo(3);
        assertThat(header.questions()).isEmpty();
    }

    @Test
    void ipv6AddressesAreWrittenAsRfc5952Says() {
        assertThat(ipv6("20010db8000000000000000000000001")).isEqualTo("2001:db8::1");
        assertThat(ipv6("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(ipv6("00000000000000000000000000000001")).isEqualTo("::1");
        assertThat(ipv6("00010000000000000000000000000000")).isEqualTo("1::");
        assertThat(ipv6("20010db8000000010001000100010001")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ipv6("20010000000000010000000000000001")).isEqualTo("2001:0:0:1::1");
        assertThat(ipv6("20010db8000000000001000000000001")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ipv6("00000000000000000000ffffc0000201")).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void mnemonicsFollowRfc3597ForUnknownNumbers() {
        assertThat(DnsMnemonics.type(65)).isEqualTo("HTTPS");
        assertThat(DnsMnemonics.type(250)).isEqualTo("TSIG");
        assertThat(DnsMnemonics.type(65534)).isEqualTo("TYPE65534");
        assertThat(DnsMnemonics.dnsClass(1)).isEqualTo("IN");
        assertThat(DnsMnemonics.dnsClass(32)).isEqualTo("CLASS32");
        assertThat(DnsMnemonics.rcode(3)).isEqualTo("Non-Existent Domain");
        assertThat(DnsMnemonics.rcode(5)).isEqualTo("Query Refused");
        assertThat(DnsMnemonics.opcode(5)).isEqualTo("Update");
    }

    @Test
    void randomAndMutatedBytesGiveAMessageOrAFormatErrorOnly() {
        Random random = new Random(42);
        byte[] valid = richResponse();
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(200)];
                random.nextBytes(input);
            } else {
                input = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            Throwable thrown = catchThrowable(parse(input));
            if (thrown != null) {
                assertThat(thrown).as("input %s", HexFormat.of().formatHex(input))
                        .isInstanceOf(DnsFormatException.class);
            }
        }
    }

    private static String ipv6(String hex) {
        return DnsParser.ipv6(HexFormat.of().parseHex(hex), 0);
    }

    private static org.assertj.core.api.ThrowableAssert.ThrowingCallable parse(byte[] message) {
        return () -> DnsParser.parse(message, 0, message.length);
    }
}
