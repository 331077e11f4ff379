package io.trawl.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker running inside the current JVM, started from the Kafka jars
 * (no Docker, no mock). It is meant for the tests of other Trawl modules and for the single-JVM
 * {@code ./trawl local} mode.
 *
 * <p>The broker runs in KRaft combined mode (one process that is both broker and controller, node id 1)
 * and listens on {@code 127.0.0.1} only, with a {@code PLAINTEXT} listener for clients and a
 * {@code CONTROLLER} listener for its own quorum, both on free ports unless a client port is given. It
 * keeps its logs under its own data directory: a temporary one that {@link #close()} deletes, or a
 * persistent one (see {@link Builder#dataDirectory(Path)}) that is formatted once and reused across
 * restarts with the same cluster id. Topics are created automatically on first use, with
 * {@link Builder#defaultPartitions(int) 12 partitions} by default and replication factor 1.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>Limits:
 * <ul>
 *   <li>One node: replication factor 1, no failover. Several brokers may run in one JVM, but each is its
 *       own one-node cluster; they do not form a cluster together.</li>
 *   <li>Plaintext only: no TLS, no SASL, no ACLs. It binds to loopback and is not for production
 *       traffic or untrusted networks.</li>
 *   <li>It shares the JVM with its host: about 70 threads and some 45 MB of live heap per running broker
 *       (measured with 1,000 small records), and the JMX and Yammer metrics registries. Kafka's threads
 *       are not daemon threads: a JVM exits only once its brokers are closed (or on
 *       {@code System.exit} or a signal, when the shutdown hook closes them).</li>
 *   <li>Faults that Kafka reports as fatal through its fault handlers (for example a listener that cannot
 *       bind) make {@link Builder#start()} or {@link #close()} throw, where a standalone Kafka process
 *       halts. But Kafka still halts the whole JVM ({@code org.apache.kafka.common.utils.Exit.halt}) when
 *       its log directory fails, for example when it is deleted or becomes unwritable while the broker
 *       runs: never delete the data directory of a running broker.</li>
 *   <li>Kafka logs a lot at INFO. This module ships no logging configuration; set the
 *       {@code org.apache.kafka} and {@code kafka} loggers to WARN in the host application.</li>
 * </ul>
 *
 * <p>A broker that is never closed is closed by a JVM shutdown hook, so that its temporary directory
 * does not leak. Instances are thread-safe.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** The only address the broker binds to and advertises. */
    static final String HOST = "127.0.0.1";
    static final int NODE_ID = 1;
    /** File in the data directory that keeps the cluster id across restarts. */
    static final String CLUSTER_ID_FILE = "cluster.id";
    /** File in the data directory locked while a broker uses the directory. */
    static final String LOCK_FILE = "embedded-kafka.lock";
    /** Sub-directory of the data directory that holds Kafka's {@code log.dirs} (and the metadata log). */
    static final String LOG_DIRECTORY = "logs";
    static final int DEFAULT_PARTITIONS = 12;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Object lifecycle = new Object();
    private final KafkaNode node;
    private final Path dataDirectory;
    private final boolean temporaryDataDirectory;
    private final DirectoryLock directoryLock;
    private final String bootstrapServers;
    private final String clusterId;
    private final Thread shutdownHook;
    private boolean closed; // guarded by lifecycle

    private EmbeddedKafkaBroker(KafkaNode node, Path dataDirectory, boolean temporaryDataDirectory,
                                DirectoryLock directoryLock, int port, String clusterId) {
        this.node = node;
        this.dataDirectory = dataDirectory;
        this.temporaryDataDirectory = temporaryDataDirectory;
        this.directoryLock = directoryLock;
        this.bootstrapServers = HOST + ":" + port;
        this.clusterId = clusterId;
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "embedded-kafka-shutdown-" + port);
    }

    /** A builder for a broker with other than the default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a broker with the defaults: a temporary data directory that {@link #close()} deletes, free
     * ports, 12 partitions for automatically created topics. Blocks until the broker accepts clients.
     *
     * @throws EmbeddedKafkaException if the broker cannot be started
     */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    private static EmbeddedKafkaBroker shared;

    /**
     * One broker for the whole JVM, started on first use and stopped when the JVM exits: for test suites, where
     * each broker's first start costs seconds. Tests sharing it keep apart by topic names.
     */
    public static synchronized EmbeddedKafkaBroker shared() {
        if (shared == null) {
            shared = builder().start();
        }
        return shared;
    }

    /** The address clients connect to, {@code 127.0.0.1:PORT}; the value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The absolute data directory; Kafka's own log directories are below it. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Shuts the broker down and waits until it has stopped and released its ports. Deletes the data
     * directory only if the broker created it as a temporary directory. Calling it again does nothing.
     *
     * @throws EmbeddedKafkaException if Kafka failed while shutting down, or reported a fatal fault while
     *                                it ran (the ports and the directory lock are released all the same)
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmShuttingDown) {
                // close() runs from the hook itself or while the JVM exits: nothing to remove.
            }
            long began = System.nanoTime();
            RuntimeException failure = null;
            try {
                node.shutdown();
            } catch (RuntimeException e) {
                failure = new EmbeddedKafkaException(
                        "Embedded Kafka broker at " + bootstrapServers + " failed while shutting down: " + e, e);
            } finally {
                directoryLock.release();
            }
            Throwable fatal = node.fatalFault();
            if (failure == null && fatal != null) {
                failure = new EmbeddedKafkaException("Embedded Kafka broker at " + bootstrapServers
                        + " reported a fatal fault while it ran: " + fatal.getMessage(), fatal);
            }
            // Delete only after the broker has stopped: deleting first makes Kafka report log dir failures.
            if (temporaryDataDirectory) {
                deleteRecursively(dataDirectory);
            }
            LOG.info("Embedded Kafka broker at {} stopped in {} ms", bootstrapServers, millisSince(began));
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void closeFromShutdownHook() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka broker at {} did not shut down cleanly at JVM exit", bootstrapServers, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers + ", clusterId=" + clusterId + ", dataDirectory="
                + dataDirectory + "]";
    }

    /** Blocks until an admin client sees this broker in the cluster, or the deadline passes. */
    private void awaitReady(long deadlineNanos) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-ready-check");
        long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        try (Admin admin = Admin.create(props)) {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, remainingMs)));
            if (cluster.nodes().get(remainingMs, TimeUnit.MILLISECONDS).isEmpty()) {
                throw new EmbeddedKafkaException("Embedded Kafka broker at " + bootstrapServers
                        + " answered describeCluster with no nodes");
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable fatal = node.fatalFault();
            throw new EmbeddedKafkaException("Embedded Kafka broker at " + bootstrapServers
                    + " did not accept clients within " + READY_TIMEOUT.toSeconds()
                    + " s (admin describeCluster failed: " + rootMessage(e) + ")"
                    + (fatal == null ? "" : "; Kafka reported: " + fatal.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for the embedded Kafka broker at "
                    + bootstrapServers + " to accept clients", e);
        }
    }

    /**
     * Settings for a broker. All are optional; {@link #start()} starts the broker. A builder may start
     * several brokers one after the other, but not two at once on the same persistent data directory.
     */
    public static final class Builder {

        private Path dataDirectory;
        private int port;
        private int defaultPartitions = DEFAULT_PARTITIONS;
        private boolean closeAtExit = true;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * A persistent data directory, created if missing. It is formatted on the first start only and
         * reused by later starts with the same cluster id, and {@link EmbeddedKafkaBroker#close()} keeps
         * it. Without this, the broker uses a new temporary directory that close() deletes.
         */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The client ({@code PLAINTEXT}) port on 127.0.0.1; 0, the default, picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (free port) or 1-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** {@code num.partitions}: the partition count of automatically created topics (default 12). */
        public Builder defaultPartitions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1, was " + n);
            }
            this.defaultPartitions = n;
            return this;
        }

        /**
         * Whether the broker closes itself in a JVM shutdown hook (the default). Turn it off when the owner stops
         * the broker in a shutdown hook of its own, after the clients that use it: hooks run concurrently, and
         * a broker gone first leaves every client retrying until its timeouts expire.
         */
        public Builder closeAtExit(boolean close) {
            this.closeAtExit = close;
            return this;
        }

        /**
         * Any broker property, which overrides this class's default for the key. Overriding the listener,
         * quorum or {@code log.dirs} keys is possible but then at the caller's risk.
         */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the data directory if needed, starts the broker and blocks until it accepts clients
         * (an admin client's describeCluster succeeds, at most 30 s).
         *
         * @throws EmbeddedKafkaException naming what went wrong: the port already in use, a data
         *                                directory that is not a writable directory or is used by another
         *                                broker, an invalid property, a start that timed out
         */
        public EmbeddedKafkaBroker start() {
            long began = System.nanoTime();
            long deadline = began + READY_TIMEOUT.toNanos();
            boolean temporary = dataDirectory == null;
            Path dir = temporary ? createTemporaryDirectory() : prepareDataDirectory(dataDirectory);
            KafkaNode.PreboundSockets sockets = new KafkaNode.PreboundSockets();
            DirectoryLock lock = null;
            boolean handedOver = false;
            try {
                lock = DirectoryLock.acquire(dir);
                // Bound now and handed to Kafka, so that nothing can take a port between choosing and binding it.
                int clientPort = bindListener(sockets, CLIENT_LISTENER, port);
                int controllerPort = bindListener(sockets, CONTROLLER_LISTENER, 0);
                KafkaConfig config = kafkaConfig(dir, clientPort, controllerPort);
                String clusterId = resolveClusterId(dir, config);
                format(dir, config, clusterId);
                KafkaNode node = createNode(dir, config, sockets, clientPort);
                try {
                    node.startup();
                } catch (RuntimeException e) {
                    stopAfterFailedStart(node);
                    throw new EmbeddedKafkaException("Embedded Kafka broker at " + HOST + ":" + clientPort
                            + " failed to start (data directory " + dir + "): " + rootMessage(e), e);
                }
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(node, dir, temporary, lock, clientPort, clusterId);
                handedOver = true;
                try {
                    broker.awaitReady(deadline);
                } catch (RuntimeException e) {
                    closeAfterFailedStart(broker, e);
                    throw e;
                }
                if (closeAtExit) {
                    Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
                }
                LOG.info("Embedded Kafka broker started at {} in {} ms (cluster id {}, data directory {})",
                        broker.bootstrapServers, millisSince(began), clusterId, dir);
                return broker;
            } catch (EmbeddedKafkaException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EmbeddedKafkaException("Embedded Kafka broker failed to start (data directory " + dir
                        + "): " + rootMessage(e), e);
            } finally {
                if (!handedOver) {
                    sockets.close();
                    if (lock != null) {
                        lock.release();
                    }
                    if (temporary) {
                        deleteRecursively(dir);
                    }
                }
            }
        }

        private KafkaConfig kafkaConfig(Path dir, int clientPort, int controllerPort) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(NODE_ID));
            props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
            props.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                    + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
            props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
            props.put("controller.listener.names", CONTROLLER_LISTENER);
            props.put("inter.broker.listener.name", CLIENT_LISTENER);
            props.put("listener.security.protocol.map",
                    CONTROLLER_LISTENER + ":PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT");
            props.put("log.dirs", dir.resolve(LOG_DIRECTORY).toString());
            props.put("num.partitions", Integer.toString(defaultPartitions));
            props.put("auto.create.topics.enable", "true");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            // Give up instead of waiting forever (the default) if the node cannot start, e.g. no quorum.
            props.put("server.max.startup.time.ms", Long.toString(READY_TIMEOUT.toMillis()));
            // A modest footprint. Kafka's defaults are sized for production clusters: 50 partitions per
            // internal topic (which makes the first consumer group on a fresh broker slow), a 128 MiB
            // compaction buffer on the heap, 3 network, 8 I/O and 10 background threads.
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.num.partitions", "5");
            props.put("share.coordinator.state.topic.num.partitions", "5");
            props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "4");
            props.put("background.threads", "4");
            props.putAll(properties);
            try {
                return new KafkaConfig(props, false);
            } catch (ConfigException e) {
                throw new EmbeddedKafkaException("Invalid embedded Kafka broker configuration: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Start helpers

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("embedded-kafka-").toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedKafkaException("Cannot create a temporary Kafka data directory in "
                    + System.getProperty("java.io.tmpdir") + ": " + e, e);
        }
    }

    private static Path prepareDataDirectory(Path requested) {
        Path dir = requested.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new EmbeddedKafkaException("Kafka data directory " + dir + " is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedKafkaException("Kafka data directory " + dir + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new EmbeddedKafkaException("Kafka data directory " + dir + " is not writable");
        }
        return dir;
    }

    /**
     * The cluster id this directory was formatted with, else the one kept in {@value #CLUSTER_ID_FILE},
     * else a new one; kept in {@value #CLUSTER_ID_FILE} either way.
     */
    private static String resolveClusterId(Path dir, KafkaConfig config) {
        Path idFile = dir.resolve(CLUSTER_ID_FILE);
        String stored = null;
        try {
            if (Files.exists(idFile)) {
                stored = Files.readString(idFile, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot read the cluster id file " + idFile + ": " + e, e);
        }
        String formatted = formattedClusterId(config);
        String id = formatted != null ? formatted
                : stored != null && !stored.isEmpty() ? stored
                : Uuid.randomUuid().toString();
        try {
            Uuid.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new EmbeddedKafkaException("Cluster id '" + id + "' (from " + (formatted != null
                    ? "meta.properties" : idFile) + ") is not a valid Kafka cluster id", e);
        }
        if (!id.equals(stored)) {
            try {
                Files.writeString(idFile, id + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new EmbeddedKafkaException("Kafka data directory " + dir + " is not writable: cannot write "
                        + idFile + ": " + e, e);
            }
        }
        return id;
    }

    /** The {@code cluster.id} in the first {@code meta.properties} found in Kafka's log directories. */
    private static String formattedClusterId(KafkaConfig config) {
        for (String logDir : logDirectories(config)) {
            Path meta = Path.of(logDir, "meta.properties");
            if (!Files.isRegularFile(meta)) {
                continue;
            }
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                props.load(in);
            } catch (IOException e) {
                throw new EmbeddedKafkaException("Cannot read " + meta + ": " + e, e);
            }
            String id = props.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id.strip();
            }
        }
        return null;
    }

    private static Set<String> logDirectories(KafkaConfig config) {
        Set<String> dirs = new LinkedHashSet<>();
        dirs.add(config.metadataLogDir());
        dirs.addAll(config.logDirs());
        return dirs;
    }

    /** Formats the log directories unless they are formatted already (like {@code kafka-storage format --ignore-formatted}). */
    private static void format(Path dir, KafkaConfig config, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Formatter formatter = new Formatter()
                    .setPrintStream(out)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setIgnoreFormatted(true)
                    .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                    .setControllerListenerName(config.controllerListenerNames().getFirst())
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setHasDynamicQuorum(false); // static quorum: controller.quorum.voters
            logDirectories(config).forEach(formatter::addDirectory);
            formatter.run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("Cannot format Kafka storage in data directory " + dir + ": "
                    + rootMessage(e) + formatterOutput(output), e);
        }
        LOG.debug("Kafka storage format of {}: {}", dir, output.toString(StandardCharsets.UTF_8).strip());
    }

    private static String formatterOutput(ByteArrayOutputStream output) {
        String text = output.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : " (formatter said: " + text + ")";
    }

    private static KafkaNode createNode(Path dir, KafkaConfig config, KafkaNode.PreboundSockets sockets,
                                        int clientPort) {
        try {
            return KafkaNode.create(config, sockets, "embedded-kafka " + HOST + ":" + clientPort);
        } catch (RuntimeException e) {
            throw new EmbeddedKafkaException("Cannot open Kafka storage in data directory " + dir + ": "
                    + rootMessage(e), e);
        }
    }

    private static void stopAfterFailedStart(KafkaNode node) {
        try {
            node.shutdown();
        } catch (RuntimeException e) {
            LOG.debug("Ignoring an error while stopping a broker that failed to start", e);
        }
    }

    private static void closeAfterFailedStart(EmbeddedKafkaBroker broker, RuntimeException startFailure) {
        try {
            broker.close();
        } catch (RuntimeException e) {
            startFailure.addSuppressed(e);
        }
    }

    /** Binds the listener's socket on 127.0.0.1 ({@code port} 0: a free port) and returns its port. */
    private static int bindListener(KafkaNode.PreboundSockets sockets, String listener, int port) {
        try {
            return sockets.bind(listener, new InetSocketAddress(loopback(), port));
        } catch (IOException e) {
            String reason = e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")
                    ? "the port is already in use" : e.toString();
            throw new EmbeddedKafkaException("Embedded Kafka broker cannot listen on " + HOST + ":" + port
                    + " (" + listener + " listener): " + reason, e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Misc

    /** Holds an exclusive lock on the data directory so that two brokers never share one. */
    private static final class DirectoryLock {
        private final FileChannel channel;
        private final FileLock lock;

        private DirectoryLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DirectoryLock acquire(Path dir) {
            Path file = dir.resolve(LOCK_FILE);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new EmbeddedKafkaException("Kafka data directory " + dir + " is not writable: cannot create "
                        + file + ": " + e, e);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new EmbeddedKafkaException("Cannot lock Kafka data directory " + dir + ": " + e, e);
            }
            if (lock == null) {
                closeQuietly(channel);
                throw new EmbeddedKafkaException("Kafka data directory " + dir
                        + " is already in use by another running broker (locked: " + file + ")");
            }
            return new DirectoryLock(channel, lock);
        }

        void release() {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Cannot release {}", lock, e);
            }
            closeQuietly(channel);
        }

        private static void closeQuietly(FileChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Cannot close {}", channel, e);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException gone) {
            // already deleted
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete the temporary Kafka data directory {}: {}", dir, e.toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
