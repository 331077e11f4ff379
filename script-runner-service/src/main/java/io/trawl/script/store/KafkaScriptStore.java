package io.trawl.script.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.trawl.kafka.KafkaClientMeters;
import io.trawl.kafka.TopicAdmin;

/**
 * The scripts, kept in the compacted {@code trawl.scripts} topic: key the script's name, value its JSON
 * ({@link ScriptRecordCodec}), a tombstone when it is deleted.
 *
 * <p><b>Reading.</b> One reader thread per store is assigned every partition of the topic (no consumer group:
 * every replica reads all of it), reads from the beginning for as long as the store is open, and applies
 * each record to an in-memory map sorted by name. A record that is not a valid script is logged and skipped
 * (the script keeps its previous state); nothing stops the reader but {@link #close()}. Subscribers get the
 * changes on the reader thread, in topic order.
 *
 * <p><b>Writing.</b> A write first waits until the reader has reached the topic's current end, so that it
 * builds on every write that any replica completed before it; it then produces the script's new state and
 * returns once this replica's reader has applied it (read-your-writes), or throws
 * {@link ScriptStoreException.Unavailable} after the write timeout. Writes to the same script in one replica
 * are serialised. Across replicas, two writes to the same script at the same moment can still both succeed
 * and the later one wins: the topic has no compare-and-set.
 *
 * <p><b>Versions.</b> Every source update adds an immutable {@link ScriptVersion} with its SHA-256; the store
 * keeps the newest {@code maxVersions} of them, and fewer when the record would pass {@code maxRecordBytes}.
 * An update with the current source changes nothing.
 */
public final class KafkaScriptStore implements ScriptCatalog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaScriptStore.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Headroom for the record's key, headers and batch framing above the JSON value. */
    private static final int RECORD_OVERHEAD = 64 * 1024;
    private static final int LOCK_STRIPES = 64;

    private final String bootstrapServers;
    private final String topic;
    private final Duration connectTimeout;
    private final ScriptStoreSettings settings;
    private final Clock clock;

    private final ConcurrentSkipListMap<String, StoredScript> scripts = new ConcurrentSkipListMap<>();
    private final List<Consumer<ScriptChange>> subscribers = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Consumer<ScriptChange>> pendingSubscribers = new ConcurrentLinkedQueue<>();
    private final ReentrantLock[] writeLocks = new ReentrantLock[LOCK_STRIPES];
    private final AtomicLong skippedRecords = new AtomicLong();

    /** Guards {@link #applied} and {@link #readyTarget}; notified whenever the reader advances. */
    private final Object progress = new Object();
    private final Map<TopicPartition, Long> applied = new HashMap<>();
    private Map<TopicPartition, Long> readyTarget;
    private boolean readyLogged;

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private Admin admin;
    private Thread reader;
    private volatile List<TopicPartition> partitions = List.of();
    private volatile boolean running;

    /**
     * A store over {@code topic}; {@link #start()} connects it.
     *
     * @param bootstrapServers the Kafka cluster
     * @param topic            the compacted scripts topic, normally {@code Topics.scripts()}
     * @param connectTimeout   how long to wait for the cluster when starting
     */
    public KafkaScriptStore(String bootstrapServers, String topic, Duration connectTimeout,
                            ScriptStoreSettings settings, Clock clock) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            writeLocks[i] = new ReentrantLock();
        }
    }

    /**
     * Declares the topic (one partition, compacted) when it is missing and starts the reader thread.
     *
     * @throws TopicAdmin.KafkaUnavailableException when the cluster does not answer within the connect timeout
     */
    public synchronized void start() throws TopicAdmin.KafkaUnavailableException {
        start(KafkaClientMeters.none());
    }

    /**
     * As {@link #start()}, with the store's producer and consumer metered in {@code clientMeters}, which the caller
     * closes after this store.
     */
    public synchronized void start(KafkaClientMeters clientMeters) throws TopicAdmin.KafkaUnavailableException {
        if (running) {
            throw new IllegalStateException("script store already started");
        }
        long maxMessage = settings.maxRecordBytes().toBytes() + RECORD_OVERHEAD;
        TopicAdmin.ensure(bootstrapServers, connectTimeout, List.of(new NewTopic(topic, 1, (short) -1).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(maxMessage)))));
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "trawl-script-store-admin"));
        producer = clientMeters.bind(new KafkaProducer<>(producerConfig(maxMessage), new StringSerializer(),
                new ByteArraySerializer()));
        consumer = clientMeters.bind(new KafkaConsumer<>(consumerConfig(maxMessage), new StringDeserializer(),
                new ByteArrayDeserializer()));
        running = true;
        reader = Thread.ofPlatform().name("trawl-script-store-reader").daemon().start(this::read);
    }

    private Map<String, Object> producerConfig(long maxMessage) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "trawl-script-store-writer");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, maxMessage));
        long timeout = settings.writeTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout + 1));
        return config;
    }

    private Map<String, Object> consumerConfig(long maxMessage) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "trawl-script-store-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, (int) Math.min(Integer.MAX_VALUE, maxMessage));
        return config;
    }

    // ---------------------------------------------------------------------------------------------
    // Catalog

    @Override
    public Collection<StoredScript> all() {
        return List.copyOf(scripts.values());
    }

    @Override
    public Optional<StoredScript> get(String name) {
        return Optional.ofNullable(scripts.get(name));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns at once; the listener gets the current state, then every change, all on the reader thread.
     * A listener that throws is logged and keeps its subscription. A slow listener delays the reader, and with
     * it every read-your-writes write of this replica; a listener must not write to the store itself (the
     * write would wait for the very thread that runs the listener, so it is refused).
     */
    @Override
    public void subscribe(Consumer<ScriptChange> listener) {
        pendingSubscribers.add(Objects.requireNonNull(listener, "listener"));
        if (running && Thread.currentThread() != reader) {
            consumer.wakeup();
        }
    }

    /** Stops calling {@code listener}. */
    public void unsubscribe(Consumer<ScriptChange> listener) {
        pendingSubscribers.remove(listener);
        subscribers.remove(listener);
    }

    /** Records seen on the topic that were not valid scripts and were skipped, since start. */
    public long skippedRecords() {
        return skippedRecords.get();
    }

    /** Whether the reader has read the topic up to the end offsets it found when it started. */
    public boolean ready() {
        synchronized (progress) {
            return reachedLocked(readyTarget);
        }
    }

    /**
     * Waits until the reader has read the topic up to the end offsets it found when it started, so that
     * {@link #all()} shows every script that existed then.
     *
     * @return true when ready, false when {@code timeout} passed first
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!reachedLocked(readyTarget)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writes

    /**
     * Creates a script with its first version.
     *
     * @throws ScriptStoreException.AlreadyExists when a script of that name exists
     * @throws IllegalArgumentException           when the name is not valid ({@link StoredScript#NAME})
     */
    public StoredScript create(String name, String source, boolean enabled) {
        Objects.requireNonNull(source, "source");
        return write(name, current -> {
            if (current != null) {
                throw new ScriptStoreException.AlreadyExists(name);
            }
            Instant now = clock.instant();
            return new StoredScript(name, enabled, null, List.of(ScriptVersion.of(1, source, now)), now, now);
        });
    }

    /** Adds a new version with {@code source}, whatever the current version is. */
    public StoredScript update(String name, String source) {
        return update(name, source, 0);
    }

    /**
     * Adds a new version with {@code source}, provided the current version is {@code expectedVersion} (0: any).
     * When {@code source} equals the current source nothing is written and the script is returned as it is.
     *
     * @throws ScriptStoreException.NotFound        when there is no such script
     * @throws ScriptStoreException.VersionConflict when the current version is not the expected one
     */
    public StoredScript update(String name, String source, int expectedVersion) {
        Objects.requireNonNull(source, "source");
        return write(name, current -> {
            StoredScript existing = existing(name, current);
            ScriptVersion head = existing.current();
            if (expectedVersion > 0 && head.version() != expectedVersion) {
                throw new ScriptStoreException.VersionConflict(name, expectedVersion, head.version());
            }
            if (head.sha256().equals(ScriptVersion.sha256(source))) {
                return existing;
            }
            Instant now = clock.instant();
            List<ScriptVersion> versions = new ArrayList<>(existing.versions());
            versions.add(ScriptVersion.of(head.version() + 1, source, now));
            return new StoredScript(name, existing.enabled(), existing.disabledReason(), versions, existing.created(),
                    now);
        });
    }

    /** Lets runners run the script again, clearing any disabled reason. */
    public StoredScript enable(String name) {
        return write(name, current -> {
            StoredScript existing = existing(name, current);
            if (existing.enabled()) {
                return existing;
            }
            return new StoredScript(name, true, null, existing.versions(), existing.created(), clock.instant());
        });
    }

    /**
     * Stops runners from running the script; {@code reason} (may be null) says why, for example when a runner
     * disables a script that fails repeatedly.
     */
    public StoredScript disable(String name, String reason) {
        return write(name, current -> {
            StoredScript existing = existing(name, current);
            if (!existing.enabled() && Objects.equals(existing.disabledReason(), reason)) {
                return existing;
            }
            return new StoredScript(name, false, reason, existing.versions(), existing.created(), clock.instant());
        });
    }

    /**
     * Deletes the script and all its versions (a tombstone).
     *
     * @throws ScriptStoreException.NotFound when there is no such script
     */
    public void delete(String name) {
        write(name, current -> {
            existing(name, current);
            return null;
        });
    }

    private static StoredScript existing(String name, StoredScript current) {
        if (current == null) {
            throw new ScriptStoreException.NotFound(name);
        }
        return current;
    }

    /**
     * Applies {@code change} to the script's latest state (null: none) under the script's write lock. The
     * change returns the new state, null to delete, or its argument for no change.
     */
    private StoredScript write(String name, UnaryOperator<StoredScript> change) {
        StoredScript.requireValidName(name);
        if (!running) {
            throw new IllegalStateException("script store is not started");
        }
        if (Thread.currentThread() == reader) {
            throw new IllegalStateException("a store subscriber must not write to the store: the write would wait "
                    + "for the reader thread that runs the subscriber");
        }
        long deadline = System.nanoTime() + settings.writeTimeout().toNanos();
        ReentrantLock lock = writeLocks[Math.floorMod(name.hashCode(), LOCK_STRIPES)];
        try {
            if (!lock.tryLock(settings.writeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ScriptStoreException.Unavailable("another write of script '" + name
                        + "' did not finish within " + settings.writeTimeout().toMillis() + " ms", null);
            }
            try {
                catchUp(deadline);
                StoredScript current = scripts.get(name);
                StoredScript next = change.apply(current);
                if (next == current && next != null) {
                    return current;
                }
                byte[] value = next == null ? null : encodeWithinLimit(next);
                RecordMetadata written = produce(name, value, deadline);
                awaitApplied(new TopicPartition(written.topic(), written.partition()), written.offset() + 1, deadline);
                return next;
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptStoreException.Unavailable("interrupted while writing script '" + name + "'", e);
        }
    }

    /** The record value, after dropping the oldest versions beyond the count and size limits. */
    private byte[] encodeWithinLimit(StoredScript script) {
        StoredScript kept = script;
        if (kept.versions().size() > settings.maxVersions()) {
            kept = withVersions(kept, kept.versions().subList(kept.versions().size() - settings.maxVersions(),
                    kept.versions().size()));
        }
        long limit = settings.maxRecordBytes().toBytes();
        byte[] value = ScriptRecordCodec.encode(kept);
        while (value.length > limit && kept.versions().size() > 1) {
            kept = withVersions(kept, kept.versions().subList(1, kept.versions().size()));
            value = ScriptRecordCodec.encode(kept);
        }
        if (value.length > limit) {
            throw new ScriptStoreException.TooLarge("script '" + script.name() + "' takes " + value.length
                    + " bytes as a record, more than trawl.script-store.max-record-bytes (" + limit + ")");
        }
        return value;
    }

    private static StoredScript withVersions(StoredScript script, List<ScriptVersion> versions) {
        return new StoredScript(script.name(), script.enabled(), script.disabledReason(), versions, script.created(),
                script.updated());
    }

    private RecordMetadata produce(String name, byte[] value, long deadline) throws InterruptedException {
        try {
            return producer.send(new ProducerRecord<>(topic, name, value))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new ScriptStoreException.Unavailable("Kafka refused the write of script '" + name + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ScriptStoreException.Unavailable("Kafka did not take the write of script '" + name
                    + "' within " + settings.writeTimeout().toMillis() + " ms", e);
        }
    }

    /** Waits until the reader has read every record written before now, by any replica. */
    private void catchUp(long deadline) throws InterruptedException {
        List<TopicPartition> known = partitions;
        if (known.isEmpty()) {
            awaitAssignment(deadline);
            known = partitions;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        known.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        try {
            admin.listOffsets(request).all().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new ScriptStoreException.Unavailable("cannot read the end of " + topic + " within "
                    + settings.writeTimeout().toMillis() + " ms: " + e, e);
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            awaitApplied(end.getKey(), end.getValue(), deadline);
        }
    }

    private void awaitAssignment(long deadline) throws InterruptedException {
        synchronized (progress) {
            while (partitions.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ScriptStoreException.Unavailable("the store has not found the partitions of " + topic
                            + " yet", null);
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    private void awaitApplied(TopicPartition partition, long offset, long deadline) throws InterruptedException {
        synchronized (progress) {
            while (applied.getOrDefault(partition, 0L) < offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ScriptStoreException.Unavailable("this replica did not read back " + partition + "@"
                            + (offset - 1) + " within " + settings.writeTimeout().toMillis() + " ms", null);
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    private boolean reachedLocked(Map<TopicPartition, Long> target) {
        if (target == null) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (applied.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // Reader

    private void read() {
        try {
            assign();
            while (running) {
                deliverToNewSubscribers();
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    for (ConsumerRecord<String, byte[]> record : records) {
                        apply(record);
                    }
                    advance();
                } catch (WakeupException e) {
                    // subscribe() or close() woke the poll: loop to see which
                } catch (RuntimeException e) {
                    log.warn("Script store reader of {} failed; retrying in {} s: {}", topic, RETRY.toSeconds(),
                            e.toString());
                    sleep(RETRY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Assigns every partition of the topic, retrying until it is visible, and seeks to the beginning. */
    private void assign() throws InterruptedException {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, connectTimeout);
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> all = infos.stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    consumer.assign(all);
                    consumer.seekToBeginning(all);
                    Map<TopicPartition, Long> ends = consumer.endOffsets(all, connectTimeout);
                    synchronized (progress) {
                        all.forEach(tp -> applied.put(tp, 0L));
                        readyTarget = Map.copyOf(ends);
                        partitions = all;
                        progress.notifyAll();
                    }
                    log.info("Script store reads {} ({} partition(s)) up to {} records present at start", topic,
                            all.size(), ends.values().stream().mapToLong(Long::longValue).sum());
                    return;
                }
            } catch (WakeupException e) {
                continue;
            } catch (RuntimeException e) {
                log.warn("Script store cannot see topic {} yet; retrying: {}", topic, e.toString());
            }
            sleep(RETRY);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String name = record.key();
        if (name == null) {
            skip(record, "no key");
            return;
        }
        if (record.value() == null) {
            if (scripts.remove(name) != null) {
                publish(new ScriptChange(name, null));
            }
            return;
        }
        StoredScript script;
        try {
            script = ScriptRecordCodec.decode(name, record.value());
        } catch (IllegalArgumentException e) {
            skip(record, e.getMessage());
            return;
        }
        scripts.put(name, script);
        publish(new ScriptChange(name, script));
    }

    private void skip(ConsumerRecord<String, byte[]> record, String why) {
        skippedRecords.incrementAndGet();
        log.warn("Skipped record {}-{}@{} (key '{}') of the script store: {}", record.topic(), record.partition(),
                record.offset(), record.key(), why);
    }

    private void advance() {
        synchronized (progress) {
            for (TopicPartition tp : partitions) {
                applied.put(tp, consumer.position(tp));
            }
            progress.notifyAll();
            if (!readyLogged && reachedLocked(readyTarget)) {
                readyLogged = true;
                log.info("Script store has read {}: {} script(s)", topic, scripts.size());
            }
        }
    }

    private void deliverToNewSubscribers() {
        Consumer<ScriptChange> listener;
        while ((listener = pendingSubscribers.poll()) != null) {
            for (StoredScript script : scripts.values()) {
                notify(listener, new ScriptChange(script.name(), script));
            }
            subscribers.add(listener);
        }
    }

    private void publish(ScriptChange change) {
        for (Consumer<ScriptChange> listener : subscribers) {
            notify(listener, change);
        }
    }

    private static void notify(Consumer<ScriptChange> listener, ScriptChange change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            log.error("A script store subscriber failed on the change of script '{}'", change.name(), e);
        }
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (running) {
            Thread.sleep(duration);
        }
    }

    /** Stops the reader and closes the Kafka clients. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "KafkaScriptStore[" + topic + " at " + bootstrapServers + ", " + scripts.size() + " scripts]";
    }
}
