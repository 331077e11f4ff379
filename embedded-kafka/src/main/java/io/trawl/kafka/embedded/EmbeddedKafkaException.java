package io.trawl.kafka.embedded;

import java.io.Serial;

/**
 * Thrown when an {@link EmbeddedKafkaBroker} cannot be started or stopped. The message names what went
 * wrong (the port in use, the data directory, the configuration key, the timeout) so that a failing test
 * or a failing {@code ./trawl local} start says why without a debugger.
 */
public class EmbeddedKafkaException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
