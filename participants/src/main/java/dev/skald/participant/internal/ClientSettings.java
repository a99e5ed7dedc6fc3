package dev.skald.participant.internal;

import dev.skald.participant.ParticipantConfig;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The settings of a participant's Kafka clients: the user's extras, then what exactly-once depends on. */
final class ClientSettings {
    private final ParticipantConfig config;
    private final String groupId;
    private final String instanceId;

    ClientSettings(ParticipantConfig config, String participant, String instanceId) {
        this.config = config;
        this.groupId = config.groupIdFor(participant);
        this.instanceId = instanceId;
    }

    String groupId() {
        return groupId;
    }

    /** {@code <group.id>-<instance.id>-<worker>}: stable for a worker of an instance across restarts. */
    String transactionalId(int worker) {
        return groupId + "-" + instanceId + "-" + worker;
    }

    Properties admin() {
        Properties props = base();
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, groupId + "-" + instanceId + "-admin");
        return props;
    }

    /**
     * The command consumer of a worker: read_committed, offsets committed only in transactions; a static member
     * ({@code group.instance.id} = its transactional id) when the instance id is configured.
     */
    Properties commandConsumer(int worker) {
        Properties props = base();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, transactionalId(worker) + "-commands");
        if (config.staticMembership()) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, transactionalId(worker));
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return props;
    }

    /** The reply-log reader of a worker: no group, read_committed. */
    Properties logReader(int worker) {
        Properties props = base();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, transactionalId(worker) + "-reply-log");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return props;
    }

    /** The producer of replies sent after their command's transaction (long-running tasks): idempotent, acks=all. */
    Properties lateReplies() {
        Properties props = base();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-" + instanceId + "-late-replies");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** The transactional producer of a worker. */
    Properties producer(int worker) {
        Properties props = base();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId(worker));
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(worker));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeout().toMillis());
        return props;
    }

    private Properties base() {
        Properties props = new Properties();
        props.putAll(config.kafka());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }
}
