package io.trawl.dissect.item;

/**
 * Every bound a dissector keeps, validated when built. Exceeding one never fails: the message is cut or the
 * oldest state is evicted, and it is counted.
 *
 * @param maxLineBytes          longest start line or header line accepted
 * @param maxHeaderBytes        largest header block of one message
 * @param maxBodyBytesKept      body bytes kept per message (the rest is counted, not kept)
 * @param maxDecodedBodyBytes   body bytes kept after decoding gzip or deflate
 * @param maxOpenTransactions   requests waiting for a response on one connection (pipelining, DNS ids)
 * @param transactionTimeoutNanos how long a request waits for its response before it is emitted alone
 */
public record DissectorLimits(int maxLineBytes, int maxHeaderBytes, int maxBodyBytesKept, int maxDecodedBodyBytes,
                              int maxOpenTransactions, long transactionTimeoutNanos) {

    public static DissectorLimits defaults() {
        return new DissectorLimits(16 * 1024, 64 * 1024, 64 * 1024, 256 * 1024, 64, 10_000_000_000L);
    }

    public DissectorLimits {
        positive("maxLineBytes", maxLineBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        if (maxBodyBytesKept < 0) {
            throw new IllegalArgumentException("maxBodyBytesKept is " + maxBodyBytesKept + "; must be 0 or more");
        }
        if (maxDecodedBodyBytes < 0) {
            throw new IllegalArgumentException("maxDecodedBodyBytes is " + maxDecodedBodyBytes + "; must be 0 or more");
        }
        positive("maxOpenTransactions", maxOpenTransactions);
        if (transactionTimeoutNanos <= 0) {
            throw new IllegalArgumentException("transactionTimeoutNanos must be positive");
        }
        if (maxLineBytes > maxHeaderBytes) {
            throw new IllegalArgumentException("maxLineBytes (" + maxLineBytes + ") exceeds maxHeaderBytes ("
                    + maxHeaderBytes + ")");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " is " + value + "; must be positive");
        }
    }
}
