package dev.skald.orchestrator;

import dev.skald.avro.ControlAction;
import dev.skald.avro.ExternalEvent;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaDefinitionRecord;
import dev.skald.avro.SagaStart;
import dev.skald.orchestrator.internal.RestoreProgress;
import dev.skald.orchestrator.internal.DefinitionCatalog;
import dev.skald.orchestrator.internal.LocalStores;
import dev.skald.orchestrator.internal.Serdes;
import dev.skald.orchestrator.internal.TopicAdmin;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.machine.SagaInput;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One orchestrator instance: the saga topology running in Kafka Streams, plus the writes users make through it
 * (definitions, starts, control requests, external events) and the reads of its sagas ({@link #queries()}). Every
 * write is a record in a topic; the topology does the rest. Works without Micronaut; the REST application wraps it.
 *
 * <pre>{@code
 * try (Orchestrator orchestrator = Orchestrator.start(OrchestratorConfig.builder("localhost:9092").build())) {
 *     orchestrator.apply(orderSaga);
 *     String sagaId = orchestrator.startSaga(StartRequest.of("order", input));
 *     Optional<SagaView> saga = orchestrator.queries().saga(sagaId);
 * }
 * }</pre>
 */
public final class Orchestrator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final OrchestratorConfig config;
    private final Serdes serdes;
    private final KafkaStreams streams;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicAdmin admin;
    private final LocalStores stores;
    private final SagaQueries queries;
    private final DefinitionQueries definitionQueries;
    private final StreamFailures failures = new StreamFailures();
    private final RestoreProgress restore = new RestoreProgress(java.time.Clock.systemUTC());
    private final java.util.concurrent.CountDownLatch settled = new java.util.concurrent.CountDownLatch(1);
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();

    private Orchestrator(OrchestratorConfig config) {
        this.config = config;
        this.serdes = Serdes.create(config.serdeConfig());
        this.admin = new TopicAdmin(config);
        admin.ensureFixedTopics();
        this.producer = new KafkaProducer<>(producerProperties(config), new StringSerializer(),
                new ByteArraySerializer());
        this.streams = new KafkaStreams(SagaTopology.build(config, config.serdeConfig(), meters),
                config.streamsProperties());
        this.stores = new LocalStores(streams, config);
        this.queries = new SagaQueries(stores);
        this.definitionQueries = new DefinitionQueries(stores);
        Gauge.builder("skald.timers.pending", stores, LocalStores::pendingTimers)
                .description("timers set and not yet fired on this instance (incl. the retention timers of ended sagas)")
                .register(meters);
        Gauge.builder("skald.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while the Kafka Streams instance is RUNNING, 0 otherwise").register(meters);
        Gauge.builder("skald.streams.thread.failures", failures, StreamFailures::total)
                .description("stream threads that failed and were replaced since start; /health/ready says why")
                .register(meters);
        Gauge.builder("skald.streams.stalled", failures, f -> f.stalledReason(Instant.now()).isPresent() ? 1 : 0)
                .description("1 while stream threads keep failing (" + StreamFailures.STALLED_AFTER + " in "
                        + StreamFailures.STALLED_WITHIN + "): /health is DOWN").register(meters);
    }

    /**
     * Creates the topics, starts the topology and waits until it runs, at most 90 seconds (a misconfigured cluster
     * fails fast). An application that serves requests while a long restore runs uses {@link #launch} instead.
     */
    public static Orchestrator start(OrchestratorConfig config) {
        Orchestrator orchestrator = launch(config);
        orchestrator.awaitRunning(STARTUP);
        return orchestrator;
    }

    /**
     * Creates the topics and starts the topology without waiting for it to run: it restores its stores and joins its
     * group in the background, as long as that takes, logging the restore's progress ({@link #startupProgress}).
     * Until it runs, queries answer as during a rebalance.
     */
    public static Orchestrator launch(OrchestratorConfig config) {
        Orchestrator orchestrator = new Orchestrator(Objects.requireNonNull(config, "config can't be null"));
        orchestrator.streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            orchestrator.failures.record(e, Instant.now());
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        orchestrator.streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.NOT_RUNNING) {
                orchestrator.settled.countDown();
            }
        });
        orchestrator.streams.setGlobalStateRestoreListener(orchestrator.restore);
        orchestrator.streams.start();
        return orchestrator;
    }

    /** While the topology is not yet running: what it is doing (restoring how much of what), if it says. */
    public java.util.Optional<String> startupProgress() {
        return streams.state() == KafkaStreams.State.RUNNING ? java.util.Optional.empty() : restore.describe();
    }

    /** The settings of the producer of definitions, starts, control requests and events. */
    static Properties producerProperties(OrchestratorConfig config) {
        Properties props = config.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return props;
    }

    /**
     * Waits until the topology runs.
     *
     * @throws IllegalStateException (after closing this orchestrator) when it is not running within {@code timeout}
     */
    public void awaitRunning(Duration timeout) {
        try {
            if (!settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    || streams.state() != KafkaStreams.State.RUNNING) {
                close();
                throw new IllegalStateException("the orchestrator did not reach RUNNING within " + timeout
                        + " (state " + streams.state() + "); is the cluster at " + config.bootstrapServers()
                        + " reachable?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while the orchestrator was starting", e);
        }
    }

    private static void waitBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the orchestrator", e);
        }
    }

    /** The result of applying a definition. */
    public enum Applied { CREATED, UNCHANGED }

    /**
     * Publishes a definition version, creates its participants' command topics and the topics its publish steps write
     * to (when missing), and waits until this instance sees
     * it. Re-applying the same version with the same content changes nothing.
     *
     * @throws VersionConflictException if this version exists with other content (versions never change)
     */
    public Applied apply(SagaDefinition definition) {
        requireLive();
        String document = SagaDocuments.toJson(definition);
        String key = DefinitionCatalog.key(definition.name(), definition.version());
        String existing = definitionDocument(key);
        if (existing != null) {
            if (SagaDocuments.fromJson(existing).equals(definition)) {
                return Applied.UNCHANGED;
            }
            throw new VersionConflictException(definition.name(), definition.version());
        }
        admin.ensureCommandTopics(participants(definition));
        admin.ensurePublishTopics(publishTopics(definition));
        SagaDefinitionRecord record = SagaDefinitionRecord.newBuilder().setName(definition.name())
                .setVersion(definition.version()).setDocument(document).setAppliedAt(Instant.now()).build();
        send(config.topics().definitions(), key, record, serdes.definitions().serializer());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (definitionDocument(key) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("definition " + key + " was published but did not reach this "
                        + "instance's global store within 30 s");
            }
            waitBriefly();
        }
        return Applied.CREATED;
    }

    private String definitionDocument(String key) {
        try {
            return DefinitionCatalog.document(stores.definitions().get(key));
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("definitions are not queryable yet: " + e.getMessage(), e);
        }
    }

    private static Set<String> publishTopics(SagaDefinition definition) {
        Set<String> topics = new LinkedHashSet<>();
        for (StepDefinition step : definition.steps()) {
            if (step.kind() instanceof dev.skald.saga.definition.StepKind.Publish publish) {
                topics.add(publish.topic());
            }
        }
        return topics;
    }

    private static Set<String> participants(SagaDefinition definition) {
        Set<String> participants = new LinkedHashSet<>();
        for (StepDefinition step : definition.steps()) {
            if (step.kind() instanceof dev.skald.saga.definition.StepKind.Task task) {
                participants.add(task.participant());
            } else if (step.kind() instanceof dev.skald.saga.definition.StepKind.ForEach each) {
                participants.add(each.participant());
            }
            step.compensation().ifPresent(c -> participants.add(c.participant()));
        }
        return participants;
    }

    /** Publishes a start request and waits for the broker's acknowledgement; returns the saga id. */
    public String startSaga(StartRequest request) {
        return startSagas(java.util.List.of(request)).get(0);
    }

    /**
     * Publishes many start requests at once (pipelined, not one round trip each) and waits until the broker has
     * acknowledged all of them; returns the saga ids in order.
     */
    public java.util.List<String> startSagas(java.util.List<StartRequest> requests) {
        requireLive();
        String topic = config.topics().starts();
        java.util.List<String> ids = new java.util.ArrayList<>(requests.size());
        java.util.List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>(requests.size());
        java.util.Map<String, java.util.Optional<Integer>> newest = new java.util.HashMap<>();
        for (StartRequest request : requests) {
            String sagaId = request.resolvedSagaId();
            SagaStart start = SagaStart.newBuilder().setSagaId(sagaId).setDefinition(request.definition())
                    .setVersion(request.version() != null ? request.version()
                            : newest.computeIfAbsent(request.definition(), this::newestVersion).orElse(null)).setInput(request.input().toString())
                    .setCorrelationKey(request.correlationKey()).setIdempotencyKey(request.idempotencyKey())
                    .setRequestedAt(Instant.now()).setParent(null).build();
            acks.add(producer.send(new ProducerRecord<>(topic, sagaId, serdes.starts().serializer().serialize(topic,
                    start))));
            ids.add(sagaId);
        }
        for (java.util.concurrent.Future<?> ack : acks) {
            await(ack, topic);
        }
        return ids;
    }

    /**
     * The newest version of a definition this instance knows. A start without a version is pinned to it in the
     * start record, so that a replay of the topics starts the saga on the same version even after newer ones were
     * applied; when none is known yet the version is resolved when the start is processed.
     */
    private java.util.Optional<Integer> newestVersion(String definition) {
        try {
            return new DefinitionCatalog(stores.definitions()).latestVersion(definition);
        } catch (InvalidStateStoreException e) {
            return java.util.Optional.empty();
        }
    }

    /** Publishes a control request. */
    public void control(String sagaId, SagaInput.ControlAction action, String reason) {
        requireLive();
        SagaControl control = SagaControl.newBuilder().setSagaId(sagaId).setAction(ControlAction.valueOf(action.name()))
                .setReason(reason).setRequestedAt(Instant.now()).build();
        send(config.topics().control(), sagaId, control, serdes.control().serializer());
    }

    /** Publishes an external event for a saga's event waits. */
    public void publishEvent(String sagaId, String eventType, String correlationKey, JsonNode payload) {
        requireLive();
        ExternalEvent event = ExternalEvent.newBuilder().setSagaId(sagaId).setEventType(eventType)
                .setCorrelationKey(correlationKey).setPayload(payload == null ? "null" : payload.toString())
                .setOccurredAt(Instant.now()).build();
        send(config.topics().externalEvents(), sagaId, event, serdes.externalEvents().serializer());
    }

    private void requireLive() {
        if (config.replay()) {
            throw new IllegalStateException("this orchestrator replays the topics to rebuild its state (skald.replay)"
                    + " and sends nothing; write through a live instance");
        }
    }

    private <T> void send(String topic, String key, T value, Serializer<T> serializer) {
        await(producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, value))), topic);
    }

    private void await(java.util.concurrent.Future<?> ack, String topic) {
        try {
            ack.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic + " on " + config.bootstrapServers() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing to " + topic, e);
        }
    }

    /** This instance's settings. */
    public OrchestratorConfig config() {
        return config;
    }

    /** The recent failures of this instance's stream threads, for health checks. */
    public StreamFailures failures() {
        return failures;
    }

    /** The running Kafka Streams instance. */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * This instance's saga metrics (per definition: started, ended, step latency and attempts; dead letters; pending
     * timers). Add a registry (Prometheus, for one) to publish them.
     */
    public CompositeMeterRegistry meters() {
        return meters;
    }

    /** Reads of the applied saga definitions (see {@link DefinitionQueries}). */
    public DefinitionQueries definitions() {
        return definitionQueries;
    }

    /** Reads this instance's sagas, as views (see {@link SagaQueries}). */
    public SagaQueries queries() {
        return queries;
    }

    /** This instance's stores, as stored: for the tests of this package that compare whole saga states. */
    LocalStores stores() {
        return stores;
    }

    /**
     * Stops the topology (waiting up to 30 s), leaving the consumer group so that its partitions move at once to
     * the other instances (or to this instance's replacement) instead of after the session timeout, and closes the
     * clients.
     */
    @Override
    public void close() {
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        producer.close(Duration.ofSeconds(10));
        admin.close();
    }
}
