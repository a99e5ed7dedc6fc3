package dev.skald.participant.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.participant.Participant.State;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.ParticipantHealth;
import dev.skald.schemas.AvroSerdes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running participant: its workers, their threads and its lifecycle. */
public final class ParticipantRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ParticipantRuntime.class);

    private final String name;
    private final ParticipantConfig config;
    private final String instanceId;
    private final Meters meters;
    private final Admin admin;
    private final List<Worker> workers = new ArrayList<>();
    private LateReplies lateReplies;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Gauge indexedGauge;

    private ParticipantRuntime(String name, ParticipantConfig config, String instanceId, Meters meters, Admin admin) {
        this.name = name;
        this.config = config;
        this.instanceId = instanceId;
        this.meters = meters;
        this.admin = admin;
    }

    /**
     * Creates the topics, fences earlier producers of this instance's transactional ids, and starts the workers.
     *
     * @throws IllegalStateException if the cluster cannot be reached or a topic cannot be set up
     */
    public static ParticipantRuntime start(String name, ParticipantConfig config, Map<String, Registration<?>> handlers,
                                           ObjectMapper json, MeterRegistry registry, Clock clock) {
        String instanceId = config.instanceId() != null ? config.instanceId()
                : UUID.randomUUID().toString().substring(0, 8);
        ClientSettings clients = new ClientSettings(config, name, instanceId);
        Admin admin = Admin.create(clients.admin());
        ParticipantRuntime runtime = new ParticipantRuntime(name, config, instanceId, new Meters(registry, name),
                admin);
        try {
            int partitions = new TopicSetup(admin, config).ensure(name);
            runtime.createWorkers(clients, handlers, json, clock);
            for (Worker worker : runtime.workers) {
                worker.init();
            }
            runtime.indexedGauge = Gauge.builder(Meters.INDEXED, runtime::indexedReplies).tag("participant", name)
                    .description("Replies held in memory to answer redelivered commands").register(registry);
            runtime.startThreads();
            LOG.info("participant {} started: {} worker(s), instance {}{}, group {}, {} partitions in {}, handlers {}",
                    name, config.workers(), instanceId, config.staticMembership() ? " (static member)" : "",
                    clients.groupId(), partitions,
                    config.topics().commands(name), new TreeSet<>(handlers.keySet()));
            return runtime;
        } catch (RuntimeException e) {
            runtime.workers.forEach(Worker::closeClients);
            runtime.closeClients();
            throw new IllegalStateException("participant " + name + " cannot start: " + e.getMessage(), e);
        }
    }

    private void createWorkers(ClientSettings clients, Map<String, Registration<?>> handlers, ObjectMapper json,
                               Clock clock) {
        Map<String, Object> serdeConfig = new HashMap<>(config.kafka());
        serdeConfig.put("schema.registry.url", config.schemaRegistryUrl());
        String replies = config.topics().replies();
        Deserializer<SagaCommand> commands = AvroSerdes.of(SagaCommand.class, serdeConfig).deserializer();
        Serializer<SagaReply> replySerializer = AvroSerdes.of(SagaReply.class, serdeConfig).serializer();
        ReplyEncoder encoder = new ReplyEncoder(replySerializer, replies, json, clock, config.maxReplyBytes());
        lateReplies = new LateReplies(name, encoder,
                () -> new KafkaProducer<>(clients.lateReplies(), new ByteArraySerializer(), new ByteArraySerializer()));
        for (int i = 0; i < config.workers(); i++) {
            int id = i;
            HandlerCalls calls = new HandlerCalls(threadName(id) + "-handler", config.handlerTimeout());
            CommandProcessor processor = new CommandProcessor(name, handlers, commands, encoder, json, meters, calls);
            ReplyIndex index = new ReplyIndex(config.dedupeRetention().toMillis());
            String log = config.topics().replyLog(name);
            ReplyLog replyLog = new ReplyLog(log, new KafkaConsumer<>(clients.logReader(id),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()), admin, index, clock);
            workers.add(new Worker(new Worker.Setup(id, name, instanceId, clients.transactionalId(id),
                    config.topics().commands(name), replies,
                    config.topics().deadLetters(), log, config.pollTimeout(), config.transactionTimeout(),
                    config.handlerTimeout(),
                    () -> new KafkaProducer<>(clients.producer(id), new ByteArraySerializer(),
                            new ByteArraySerializer()),
                    () -> new KafkaConsumer<>(clients.commandConsumer(id), new ByteArrayDeserializer(),
                            new ByteArrayDeserializer()),
                    replyLog, index, processor, calls, meters, clock, this::fail)));
        }
    }

    private String threadName(int worker) {
        return "skald-participant-" + name + "-" + worker;
    }

    private void startThreads() {
        for (Worker worker : workers) {
            Thread thread = new Thread(worker, threadName(threads.size()));
            threads.add(thread);
            thread.start();
        }
    }

    private void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            state.set(State.FAILED);
            LOG.error("participant {} failed ({}); stopping every worker", name, cause.toString());
            workers.forEach(Worker::stop);
        }
    }

    public String name() {
        return name;
    }

    public ParticipantConfig config() {
        return config;
    }

    public String instanceId() {
        return instanceId;
    }

    public Meters meters() {
        return meters;
    }

    public State state() {
        return state.get();
    }

    public Throwable failure() {
        return failure.get();
    }

    /** How it is doing: its state, each worker's, and the last error. */
    public ParticipantHealth health() {
        return HealthReport.of(name, instanceId, state.get(), failure.get(),
                workers.stream().map(Worker::health).toList(),
                workers.stream().mapToInt(Worker::overrunningHandlers).sum());
    }

    /** The command partitions this instance handles now. */
    public Set<Integer> partitions() {
        Set<Integer> all = new TreeSet<>();
        workers.forEach(w -> all.addAll(w.readyPartitions()));
        return all;
    }

    private int indexedReplies() {
        return workers.stream().mapToInt(Worker::indexed).sum();
    }

    /** Waits for every worker thread to end; true if they all did within the timeout. */
    public boolean awaitTermination(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread thread : threads) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                thread.join(left);
                if (thread.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends the outcome (or, with {@link dev.skald.participant.Reply#inProgress()}, a heartbeat) of a command a
     * handler answered in progress. Waits until the broker has it.
     */
    public void complete(String commandId, dev.skald.participant.Reply reply) {
        if (state.get() != State.RUNNING) {
            throw new IllegalStateException("participant " + name + " is " + state.get() + "; it sends no replies");
        }
        lateReplies.send(commandId, reply);
    }

    /** Lets every worker finish and commit its batch, then closes the clients (waits up to shutdown.timeout). */
    public void close() {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING) && state.get() != State.FAILED) {
            awaitTermination(config.shutdownTimeout());
            return;
        }
        workers.forEach(Worker::stop);
        if (!awaitTermination(config.shutdownTimeout())) {
            LOG.warn("participant {}: workers still busy after {}; interrupting them", name,
                    config.shutdownTimeout());
            threads.forEach(Thread::interrupt);
            awaitTermination(Duration.ofSeconds(10));
        }
        closeClients();
        state.compareAndSet(State.STOPPING, State.STOPPED);
        LOG.info("participant {} stopped", name);
    }

    private void closeClients() {
        if (lateReplies != null) {
            lateReplies.close();
        }
        if (indexedGauge != null) {
            meters.registry().remove(indexedGauge);
        }
        admin.close(Duration.ofSeconds(5));
    }
}
