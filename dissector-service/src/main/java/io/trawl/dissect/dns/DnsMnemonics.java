package io.trawl.dissect.dns;

/**
 * Text for the numbers in a DNS message: record types and classes as in master files (unknown ones as
 * {@code TYPE123} and {@code CLASS32}, RFC 3597), response codes and opcodes as Kubeshark shows them.
 */
public final class DnsMnemonics {

    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int SOA = 6;
    public static final int PTR = 12;
    public static final int MX = 15;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int SRV = 33;
    public static final int OPT = 41;

    private DnsMnemonics() {
    }

    public static String type(int type) {
        return switch (type) {
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 19 -> "X25";
            case 20 -> "ISDN";
            case 21 -> "RT";
            case 22 -> "NSAP";
            case 23 -> "NSAP-PTR";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 26 -> "PX";
            case 27 -> "GPOS";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 30 -> "NXT";
            case 33 -> "SRV";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 53 -> "SMIMEA";
            case 55 -> "HIP";
            case 59 -> "CDS";
            case 60 -> "CDNSKEY";
            case 61 -> "OPENPGPKEY";
            case 62 -> "CSYNC";
            case 63 -> "ZONEMD";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 99 -> "SPF";
            case 108 -> "EUI48";
            case 109 -> "EUI64";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 253 -> "MAILB";
            case 254 -> "MAILA";
            case 255 -> "ANY";
            case 256 -> "URI";
            case 257 -> "CAA";
            case 32768 -> "TA";
            case 32769 -> "DLV";
            default -> "TYPE" + type;
        };
    }

    public static String dnsClass(int dnsClass) {
        return switch (dnsClass) {
            case 1 -> "IN";
            case 3 -> "CH";
            case 4 -> "HS";
            case 254 -> "NONE";
            case 255 -> "ANY";
            default -> "CLASS" + dnsClass;
        };
    }

    /** The name of a response code, 4-bit or extended (RFC 6895), with Kubeshark's wording. */
    public static String rcode(int rcode) {
        return switch (rcode) {
            case 0 -> "No Error";
            case 1 -> "Format Error";
            case 2 -> "Server Failure";
            case 3 -> "Non-Existent Domain";
            case 4 -> "Not Implemented";
            case 5 -> "Query Refused";
            case 6 -> "Name Exists when it should not";
            case 7 -> "RR Set Exists when it should not";
            case 8 -> "RR Set that should exist does not";
            case 9 -> "Server Not Authoritative for zone";
            case 10 -> "Name not contained in zone";
            case 11 -> "DSO-TYPE Not Implemented";
            case 16 -> "Bad OPT Version";
            case 17 -> "Key not recognized";
            case 18 -> "Signature out of time window";
            case 19 -> "Bad TKEY Mode";
            case 20 -> "Duplicate key name";
            case 21 -> "Algorithm not supported";
            case 22 -> "Bad Truncation";
            case 23 -> "Bad/missing server cookie";
            default -> "Unknown Response Code " + rcode;
        };
    }

    public static String opcode(int opcode) {
        return switch (opcode) {
            case 0 -> "Query";
            case 1 -> "IQuery";
            case 2 -> "Status";
            case 4 -> "Notify";
            case 5 -> "Update";
            case 6 -> "DSO";
            default -> "Unknown Opcode " + opcode;
        };
    }
}
