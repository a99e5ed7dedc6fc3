package dev.skald.conductor.internal;

import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.orchestrator.app.ReadinessContributor;
import dev.skald.schemas.TopicAdministration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll bridge: a second Kafka Streams application ({@code <skald.application-id>-conductor}, exactly-once v2) in
 * the orchestrator application's process, started after the orchestrator and closed before it. It turns the commands
 * of polled task types into Conductor tasks that workers lease, and their updates into the replies the orchestrator
 * waits for. See docs/conductor.md (Workers that poll). Finished tasks stay readable for {@code skald.terminal-retention}.
 */
@Context
@Requires(bean = OrchestratorRuntime.class)
@Requires(property = PollBridge.ENABLED, notEquals = "false")
public class PollBridge implements ReadinessContributor {
    /** {@code false} turns the bridge, and the task API with it, off. */
    public static final String ENABLED = "skald.conductor.poll-bridge.enabled";
    /** How often the bridge's consumer looks for new command topics. */
    static final Duration TOPIC_DISCOVERY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(PollBridge.class);

    private final BridgeTopics names;
    private final KafkaStreams streams;
    private final BridgeRequests requests;
    private final BridgeReads reads;
    private final Changes changes = new Changes();
    /** This instance's {@code host:port}, as Kafka Streams advertises it. */
    private final String self;

    public PollBridge(OrchestratorRuntime runtime, TaskDefinitions definitions) {
        OrchestratorConfig config = runtime.orchestrator().config();
        names = BridgeTopics.of(config);
        self = config.applicationServer();
        createTopics(config);
        StreamsBuilder builder = new StreamsBuilder();
        BridgeTopology.build(builder, names, config, definitions, changes);
        streams = new KafkaStreams(builder.build(), streamsProperties(config));
        streams.setStateListener((now, before) -> changes.signal());
        requests = new BridgeRequests(config, names);
        reads = new BridgeReads(streams);
        try {
            streams.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Conductor poll bridge {} starting; polls wait until it runs", names.applicationId());
    }

    /** Not ready until its topology runs; polls meanwhile wait and task reads answer 503. */
    @Override
    public Optional<String> notReadyReason() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? Optional.empty()
                : Optional.of("the Conductor poll bridge is " + state);
    }

    /**
     * The instance whose bridge owns a workflow's tasks, when that is another instance; empty when it is this one or
     * while nobody owns them (a rebalance).
     */
    Optional<HostInfo> remoteOwner(String sagaId) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(BridgeTopics.TASKS_STORE, sagaId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return Optional.empty();
        }
        HostInfo active = owner.activeHost();
        return (active.host() + ":" + active.port()).equals(self) ? Optional.empty() : Optional.of(active);
    }

    BridgeReads reads() {
        return reads;
    }

    BridgeRequests requests() {
        return requests;
    }

    Changes changes() {
        return changes;
    }

    @PreDestroy
    public void close() {
        try {
            requests.close();
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private Properties streamsProperties(OrchestratorConfig config) {
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, names.applicationId());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG),
                (int) TOPIC_DISCOVERY.toMillis());
        // The bridge's inputs need no merge by timestamp: a lease request is only sent for a task a poll has read, an
        // update only for a leased task, so each input follows what it depends on. Without idling, Kafka Streams also
        // skips the per-check lag bookkeeping (String.format at every readiness check) that cost the bridge's thread
        // 12% of its CPU when one of its input topics is empty.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        return props;
    }

    private void createTopics(OrchestratorConfig config) {
        try (Admin admin = Admin.create(config.clientProperties())) {
            TopicAdministration topics = new TopicAdministration(admin, config.bootstrapServers());
            List<NewTopic> wanted = names.inputs().stream()
                    .map(name -> new NewTopic(name, config.partitions(), config.replication())).toList();
            topics.createMissing(wanted);
            topics.awaitLeaders(names.inputs());
        }
    }
}
