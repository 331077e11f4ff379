package io.trawl.kafka.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server$;
import kafka.server.SharedServer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.FaultHandlerException;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One KRaft combined-mode node (controller + broker), assembled the way {@code kafka.server.KafkaRaftServer}
 * assembles it, with two differences that matter inside a host JVM:
 * <ul>
 *   <li>A fatal fault (for example a listener that cannot bind during startup) is logged and recorded
 *       instead of halting the JVM, which is what {@code KafkaRaftServer}'s
 *       {@code ProcessTerminatingFaultHandler} does.</li>
 *   <li>The listener sockets are bound before the configuration is written and handed to Kafka, so no
 *       other process can take a "free" port in between.</li>
 * </ul>
 * This is the only class that touches Kafka's server internals ({@code SharedServer}, {@code BrokerServer},
 * {@code ControllerServer}); a Kafka upgrade that changes them should only need changes here.
 */
final class KafkaNode {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

    private final String name;
    private final Metrics metrics;
    private final ControllerServer controller;
    private final BrokerServer broker;
    private final PreboundSockets sockets;
    private final RecordingFaultHandlerFactory faults;

    private KafkaNode(String name, Metrics metrics, ControllerServer controller, BrokerServer broker,
                      PreboundSockets sockets, RecordingFaultHandlerFactory faults) {
        this.name = name;
        this.metrics = metrics;
        this.controller = controller;
        this.broker = broker;
        this.sockets = sockets;
        this.faults = faults;
    }

    /**
     * Reads the formatted log directories and builds the servers; starts nothing. On failure the sockets
     * are left to the caller.
     */
    static KafkaNode create(KafkaConfig config, PreboundSockets sockets, String name) {
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage =
                KafkaRaftServer.initializeLogDirs(config, LOG, "[" + name + "] ");
        MetaPropertiesEnsemble ensemble = storage._1();
        Metrics metrics = Server$.MODULE$.initializeMetrics(config, Time.SYSTEM, ensemble.clusterId().orElseThrow());
        RecordingFaultHandlerFactory faults = new RecordingFaultHandlerFactory(name);
        try {
            SharedServer shared = new SharedServer(
                    config,
                    ensemble,
                    Time.SYSTEM,
                    metrics,
                    CompletableFuture.completedFuture(
                            QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                    QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                    faults,
                    sockets);
            ControllerServer controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), storage._2());
            BrokerServer broker = new BrokerServer(shared);
            return new KafkaNode(name, metrics, controller, broker, sockets, faults);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    /** Starts the controller, then the broker (the order of KafkaRaftServer); returns once the broker is unfenced. */
    void startup() {
        controller.startup();
        broker.startup();
    }

    /** Stops the broker, then the controller, and waits for both; also safe after a failed startup. */
    void shutdown() {
        try {
            broker.shutdown();
            controller.shutdown();
            broker.awaitShutdown();
            controller.awaitShutdown();
        } finally {
            sockets.close();
            metrics.close();
        }
    }

    /** The first fatal fault Kafka reported, or null. */
    Throwable fatalFault() {
        return faults.firstFatalFault.get();
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Non-fatal faults are logged as Kafka does by default. Fatal ones are logged, recorded and returned
     * to Kafka as an exception, where {@code KafkaRaftServer} would halt the JVM.
     */
    private static final class RecordingFaultHandlerFactory implements FaultHandlerFactory {
        private final String node;
        private final AtomicReference<Throwable> firstFatalFault = new AtomicReference<>();

        RecordingFaultHandlerFactory(String node) {
            this.node = node;
        }

        @Override
        public FaultHandler build(String handlerName, boolean fatal, Runnable action) {
            if (!fatal) {
                return new LoggingFaultHandler(handlerName, action);
            }
            return (failureMessage, cause) -> {
                String message = node + " hit a fatal fault (" + handlerName + "): " + failureMessage
                        + (cause == null ? "" : ": " + cause);
                LOG.error("{}; an embedded broker does not halt the JVM for it", message, cause);
                FaultHandlerException fault = new FaultHandlerException(message, cause);
                firstFatalFault.compareAndSet(null, fault);
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: the action for fault handler {} failed", node, handlerName, e);
                }
                return fault;
            };
        }
    }

    /**
     * Listener sockets bound in advance, by listener name. Kafka gets each one the first time it opens a
     * server socket for that listener and port; anything else is opened the normal way.
     */
    static final class PreboundSockets implements ServerSocketFactory, AutoCloseable {
        private static final int BACKLOG = 50; // Kafka's socket.listen.backlog.size default

        private final Map<String, ServerSocketChannel> unclaimed = new ConcurrentHashMap<>();

        /** Binds {@code address} (port 0 for a free one) for {@code listener}; returns the bound port. */
        int bind(String listener, InetSocketAddress address) throws IOException {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(address, BACKLOG);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            ServerSocketChannel previous = unclaimed.put(listener, channel);
            if (previous != null) {
                previous.close();
            }
            return channel.socket().getLocalPort();
        }

        @Override
        public ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress socketAddress,
                                                    int listenBacklogSize, int recvBufferSize) throws IOException {
            ServerSocketChannel channel = unclaimed.remove(listenerName);
            if (channel != null && channel.socket().getLocalPort() == socketAddress.getPort()) {
                channel.configureBlocking(false);
                if (recvBufferSize != -1) {
                    channel.socket().setReceiveBufferSize(recvBufferSize);
                }
                return channel;
            }
            if (channel != null) {
                channel.close();
            }
            return ServerSocketFactory.INSTANCE.openServerSocket(
                    listenerName, socketAddress, listenBacklogSize, recvBufferSize);
        }

        /** Closes the sockets Kafka did not take. Kafka closes the ones it took. */
        @Override
        public void close() {
            for (String listener : unclaimed.keySet()) {
                ServerSocketChannel channel = unclaimed.remove(listener);
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        LOG.debug("Cannot close the unclaimed {} socket", listener, e);
                    }
                }
            }
        }
    }
}
