package io.trawl.dissect.dns;

import io.trawl.dissect.dns.DnsMessage.Question;
import io.trawl.dissect.dns.DnsMessage.ResourceRecord;
import io.trawl.model.packet.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Reads one DNS message (RFC 1035 section 4) from bytes: no state is kept between calls, and nothing but a
 * {@link DnsFormatException} comes out of bad input.
 *
 * <p>Names are decompressed with these rules, each of which a real encoder never breaks: a compression pointer
 * must point before the start of the labels it sits in (so every chain ends, and no loop or forward pointer is
 * followed), never into the 12-byte header, and at most {@value #MAX_POINTER_HOPS} pointers are followed in
 * one name; a name takes at most {@value #MAX_NAME_BYTES} bytes in wire form and a label at most
 * {@value #MAX_LABEL_BYTES}. Names are given as tshark shows them: labels joined by dots, no trailing dot, the
 * root as {@value #ROOT}; a byte outside printable ASCII, a dot or a backslash inside a label is escaped as in
 * master files ({@code \DDD}, {@code \.}, {@code \\}).
 *
 * <p>Record data is decoded for A, AAAA, CNAME, NS, PTR, MX, TXT, SOA, SRV and OPT; every other type is kept as
 * hex, and so is data of length 0 (UPDATE's deletions). The data of a decoded type must fill its length
 * exactly. A message with the TC bit that ends at a record boundary before its counts are met is accepted with
 * the records it has; bytes after the last record are ignored.
 */
public final class DnsParser {

    public static final int HEADER_BYTES = 12;
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_LABEL_BYTES = 63;
    public static final int MAX_POINTER_HOPS = 64;
    public static final String ROOT = "<Root>";

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] b;
    private final int start;
    private final int end;
    private int pos;

    private DnsParser(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.b = buffer;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Reads the whole message in {@code buffer[offset, offset + length)}. */
    public static DnsMessage parse(byte[] buffer, int offset, int length) throws DnsFormatException {
        return new DnsParser(buffer, offset, length).message(true);
    }

    /** Reads only the header: the sections come back empty. For messages that are damaged or cut short. */
    public static DnsMessage parseHeader(byte[] buffer, int offset, int length) throws DnsFormatException {
        return new DnsParser(buffer, offset, length).message(false);
    }

    private DnsMessage message(boolean sections) throws DnsFormatException {
        if (end - start < HEADER_BYTES) {
            throw new DnsFormatException("message of " + (end - start) + " bytes is shorter than the "
                    + HEADER_BYTES + "-byte header", 0);
        }
        int id = Bytes.uint16(b, start);
        int flags = Bytes.uint16(b, start + 2);
        boolean tc = (flags & 0x0200) != 0;
        List<Question> questions = List.of();
        List<ResourceRecord> answers = List.of();
        List<ResourceRecord> authorities = List.of();
        List<ResourceRecord> additionals = List.of();
        if (sections) {
            pos = start + HEADER_BYTES;
            questions = questions(Bytes.uint16(b, start + 4), tc);
            answers = records(Bytes.uint16(b, start + 6), tc, "answer");
            authorities = records(Bytes.uint16(b, start + 8), tc, "authority");
            additionals = records(Bytes.uint16(b, start + 10), tc, "additional");
        }
        return new DnsMessage(id, (flags & 0x8000) != 0, (flags >>> 11) & 0xF, (flags & 0x0400) != 0, tc,
                (flags & 0x0100) != 0, (flags & 0x0080) != 0, (flags & 0x0020) != 0, (flags & 0x0010) != 0,
                flags & 0xF, questions, answers, authorities, additionals, end - start);
    }

    private List<Question> questions(int count, boolean truncated) throws DnsFormatException {
        List<Question> out = new ArrayList<>(Math.min(count, (end - pos) / 5));
        for (int i = 0; i < count && !(truncated && pos == end); i++) {
            String name = name(end);
            need(4, end, "question " + i + " type and class");
            out.add(new Question(name, Bytes.uint16(b, pos), Bytes.uint16(b, pos + 2)));
            pos += 4;
        }
        return out;
    }

    private List<ResourceRecord> records(int count, boolean truncated, String section) throws DnsFormatException {
        List<ResourceRecord> out = new ArrayList<>(Math.min(count, (end - pos) / 11));
        for (int i = 0; i < count && !(truncated && pos == end); i++) {
            String name = name(end);
            need(10, end, section + " record " + i + " header");
            int type = Bytes.uint16(b, pos);
            int dnsClass = Bytes.uint16(b, pos + 2);
            long ttl = Bytes.uint32(b, pos + 4);
            int length = Bytes.uint16(b, pos + 8);
            pos += 10;
            if (length > end - pos) {
                throw new DnsFormatException(section + " record " + i + " (" + DnsMnemonics.type(type)
                        + ") claims " + length + " bytes of data but " + (end - pos) + " remain", pos - 2 - start);
            }
            int dataStart = pos;
            int dataEnd = pos + length;
            DnsRecordData data = data(type, dnsClass, ttl, dataEnd);
            if (pos != dataEnd) {
                throw new DnsFormatException(DnsMnemonics.type(type) + " data is " + length + " bytes but its fields"
                        + " take " + (pos - dataStart), dataStart - start);
            }
            out.add(new ResourceRecord(name, type, dnsClass, ttl, data));
        }
        return out;
    }

    private DnsRecordData data(int type, int dnsClass, long ttl, int dataEnd) throws DnsFormatException {
        if (dataEnd == pos && type != DnsMnemonics.OPT && type != DnsMnemonics.TXT) {
            return new DnsRecordData.Opaque("");
        }
        switch (type) {
            case DnsMnemonics.A -> {
                exactly(4, dataEnd, "A");
                String ip = (b[pos] & 0xFF) + "." + (b[pos + 1] & 0xFF) + "." + (b[pos + 2] & 0xFF) + "."
                        + (b[pos + 3] & 0xFF);
                pos += 4;
                return new DnsRecordData.Address(ip);
            }
            case DnsMnemonics.AAAA -> {
                exactly(16, dataEnd, "AAAA");
                String ip = ipv6(b, pos);
                pos += 16;
                return new DnsRecordData.Address(ip);
            }
            case DnsMnemonics.NS, DnsMnemonics.CNAME, DnsMnemonics.PTR -> {
                return new DnsRecordData.DomainName(name(dataEnd));
            }
            case DnsMnemonics.MX -> {
                int preference = uint16(dataEnd, "MX preference");
                return new DnsRecordData.Mx(preference, name(dataEnd));
            }
            case DnsMnemonics.TXT -> {
                List<String> strings = new ArrayList<>();
                while (pos < dataEnd) {
                    int length = b[pos] & 0xFF;
                    need(1 + length, dataEnd, "TXT string of " + length + " bytes");
                    strings.add(new String(b, pos + 1, length, StandardCharsets.UTF_8));
                    pos += 1 + length;
                }
                return new DnsRecordData.Txt(strings);
            }
            case DnsMnemonics.SOA -> {
                String mname = name(dataEnd);
                String rname = name(dataEnd);
                need(20, dataEnd, "SOA timers");
                DnsRecordData.Soa soa = new DnsRecordData.Soa(mname, rname, Bytes.uint32(b, pos),
                        Bytes.uint32(b, pos + 4), Bytes.uint32(b, pos + 8), Bytes.uint32(b, pos + 12),
                        Bytes.uint32(b, pos + 16));
                pos += 20;
                return soa;
            }
            case DnsMnemonics.SRV -> {
                need(6, dataEnd, "SRV priority, weight and port");
                int priority = Bytes.uint16(b, pos);
                int weight = Bytes.uint16(b, pos + 2);
                int port = Bytes.uint16(b, pos + 4);
                pos += 6;
                return new DnsRecordData.Srv(priority, weight, port, name(dataEnd));
            }
            case DnsMnemonics.OPT -> {
                List<DnsRecordData.EdnsOption> options = new ArrayList<>();
                while (pos < dataEnd) {
                    need(4, dataEnd, "EDNS option header");
                    int code = Bytes.uint16(b, pos);
                    int length = Bytes.uint16(b, pos + 2);
                    pos += 4;
                    need(length, dataEnd, "EDNS option " + code + " of " + length + " bytes");
                    options.add(new DnsRecordData.EdnsOption(code, HEX.formatHex(b, pos, pos + length)));
                    pos += length;
                }
                return new DnsRecordData.Opt(dnsClass, (int) (ttl >>> 24), (int) (ttl >>> 16) & 0xFF,
                        (ttl & 0x8000) != 0, options);
            }
            default -> {
                String hex = HEX.formatHex(b, pos, dataEnd);
                pos = dataEnd;
                return new DnsRecordData.Opaque(hex);
            }
        }
    }

    /**
     * Reads the name at {@link #pos} and moves past it. Its labels before the first pointer must end by
     * {@code limit}; what a pointer leads to may lie anywhere before it in the message.
     */
    private String name(int limit) throws DnsFormatException {
        StringBuilder text = new StringBuilder(32);
        int p = pos;
        int segmentStart = p;
        int bound = limit;
        int wireBytes = 0;
        int hops = 0;
        int after = -1;
        while (true) {
            if (p >= bound) {
                throw new DnsFormatException("name runs past the end of its data", p - start);
            }
            int length = b[p] & 0xFF;
            int kind = length & 0xC0;
            if (kind == 0xC0) {
                if (p + 1 >= bound) {
                    throw new DnsFormatException("compression pointer cut short", p - start);
                }
                int target = ((length & 0x3F) << 8) | (b[p + 1] & 0xFF);
                if (target >= segmentStart - start) {
                    throw new DnsFormatException("compression pointer to " + target + " does not point before "
                            + "the labels it ends (" + (segmentStart - start) + ")", p - start);
                }
                if (target < HEADER_BYTES) {
                    throw new DnsFormatException("compression pointer to " + target + " points into the header",
                            p - start);
                }
                if (++hops > MAX_POINTER_HOPS) {
                    throw new DnsFormatException("name follows more than " + MAX_POINTER_HOPS
                            + " compression pointers", p - start);
                }
                if (after < 0) {
                    after = p + 2;
                }
                p = start + target;
                segmentStart = p;
                bound = end;
                continue;
            }
            if (kind != 0) {
                throw new DnsFormatException("label type 0x" + Integer.toHexString(kind) + " is not supported",
                        p - start);
            }
            wireBytes += 1 + length;
            if (wireBytes > MAX_NAME_BYTES) {
                throw new DnsFormatException("name is longer than " + MAX_NAME_BYTES + " bytes", p - start);
            }
            if (length == 0) {
                if (after < 0) {
                    after = p + 1;
                }
                break;
            }
            if (length >= bound - p) {
                throw new DnsFormatException("label of " + length + " bytes runs past the end of its data",
                        p - start);
            }
            if (!text.isEmpty()) {
                text.append('.');
            }
            appendLabel(text, p + 1, length);
            p += 1 + length;
        }
        pos = after;
        return text.isEmpty() ? ROOT : text.toString();
    }

    private void appendLabel(StringBuilder text, int from, int length) {
        for (int i = from; i < from + length; i++) {
            int c = b[i] & 0xFF;
            if (c == '.' || c == '\\') {
                text.append('\\').append((char) c);
            } else if (c > 0x20 && c < 0x7F) {
                text.append((char) c);
            } else {
                text.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            }
        }
    }

    private int uint16(int limit, String what) throws DnsFormatException {
        need(2, limit, what);
        int v = Bytes.uint16(b, pos);
        pos += 2;
        return v;
    }

    private void need(int bytes, int limit, String what) throws DnsFormatException {
        if (limit - pos < bytes) {
            throw new DnsFormatException(what + " needs " + bytes + " bytes but " + (limit - pos) + " remain",
                    pos - start);
        }
    }

    private void exactly(int bytes, int dataEnd, String type) throws DnsFormatException {
        if (dataEnd - pos != bytes) {
            throw new DnsFormatException(type + " data is " + (dataEnd - pos) + " bytes; it must be " + bytes,
                    pos - start);
        }
    }

    /** RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero groups as "::". */
    static String ipv6(byte[] b, int offset) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Bytes.uint16(b, offset + 2 * i);
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xFFFF) {
            return "::ffff:" + (b[offset + 12] & 0xFF) + "." + (b[offset + 13] & 0xFF) + "."
                    + (b[offset + 14] & 0xFF) + "." + (b[offset + 15] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
