package io.trawl.integrations.action;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The headers a request carries on the retry and dead-letter topics. The value stays the request exactly as the
 * runner published it (secret references unresolved); everything about its failures travels here, as text:
 * <ul>
 *   <li>{@value #ATTEMPTS}: failed attempts so far;</li>
 *   <li>{@value #NOT_BEFORE}: on the retry topic, when the next attempt is due (ms since the epoch);</li>
 *   <li>{@value #FIRST_FAILURE}: when the first attempt failed (ISO-8601);</li>
 *   <li>{@value #SOURCE}: where the request was first read, {@code topic/partition@offset};</li>
 *   <li>{@value #ERROR_CLASS}, {@value #ERROR_MESSAGE}: the last failure, its message with secrets masked.</li>
 * </ul>
 */
public final class DeliveryHeaders {

    public static final String ATTEMPTS = "trawl.attempts";
    public static final String NOT_BEFORE = "trawl.not-before";
    public static final String FIRST_FAILURE = "trawl.first-failure";
    public static final String SOURCE = "trawl.source";
    public static final String ERROR_CLASS = "trawl.error.class";
    public static final String ERROR_MESSAGE = "trawl.error.message";

    private DeliveryHeaders() {
    }

    /**
     * What is known of a request's past: nothing for a record of {@code trawl.actions}, its failures for one of
     * the retry topic.
     *
     * @param attempts     failed attempts so far
     * @param firstFailure when the first failed, or null before any failure
     * @param source       where the request was first read
     */
    public record History(int attempts, Instant firstFailure, String source) {

        static History of(ConsumerRecord<byte[], byte[]> record) {
            String attempts = text(record.headers(), ATTEMPTS);
            String first = text(record.headers(), FIRST_FAILURE);
            String source = text(record.headers(), SOURCE);
            int count = 0;
            Instant firstFailure = null;
            try {
                count = attempts == null ? 0 : Math.max(0, Integer.parseInt(attempts));
                firstFailure = first == null ? null : Instant.parse(first);
            } catch (NumberFormatException | DateTimeParseException e) {
                // A header this service did not write: count the record as new rather than refuse it.
            }
            return new History(count, firstFailure,
                    source != null ? source : record.topic() + "/" + record.partition() + "@" + record.offset());
        }

        /** After one more failure at {@code now}. */
        History failed(Instant now) {
            return new History(attempts + 1, firstFailure == null ? now : firstFailure, source);
        }
    }

    /** The headers of a request that failed, as {@code history} says, with {@code error} (already masked). */
    static Headers failure(History history, String errorClass, String errorMessage) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, ATTEMPTS, Integer.toString(history.attempts()));
        put(headers, FIRST_FAILURE, history.firstFailure().toString());
        put(headers, SOURCE, history.source());
        put(headers, ERROR_CLASS, errorClass);
        put(headers, ERROR_MESSAGE, errorMessage);
        return headers;
    }

    /**
     * When the record is due; 0 (at once) when it has no such header, or one that is not a number: only Trawl
     * writes it, and a retry delivered early is safer than one held back forever.
     */
    static long notBefore(ConsumerRecord<byte[], byte[]> record) {
        String value = text(record.headers(), NOT_BEFORE);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of header {@code name}, or null. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
