package io.trawl.launcher;

import io.trawl.kafka.embedded.EmbeddedKafkaBroker;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The Kafka cluster a command talks to: the one named by {@code --bootstrap}, or else an embedded broker
 * started for the command, with its data in a directory that outlives the command.
 */
final class KafkaTarget implements AutoCloseable {

    private final String bootstrap;
    private final EmbeddedKafkaBroker embedded;

    private KafkaTarget(String bootstrap, EmbeddedKafkaBroker embedded) {
        this.bootstrap = bootstrap;
        this.embedded = embedded;
    }

    static KafkaTarget of(String bootstrap, Path dataDirectory, PrintWriter out) {
        if (bootstrap != null && !bootstrap.isBlank()) {
            return new KafkaTarget(bootstrap, null);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory).start();
        out.println("Started an embedded Kafka broker at " + broker.bootstrapServers() + " (data in "
                + dataDirectory + "; pass --bootstrap to use another cluster)");
        out.flush();
        return new KafkaTarget(broker.bootstrapServers(), broker);
    }

    String bootstrap() {
        return bootstrap;
    }

    boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
