package dev.skald.cli.internal;

import dev.skald.orchestrator.SkaldTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;

/**
 * How the CLI reaches the Kafka cluster: its address, extra client settings (security), Skald's topic names, and
 * timeouts short enough that an unreachable cluster is reported within {@link #TIMEOUT}.
 *
 * @param bootstrapServers the cluster
 * @param extra            client settings given with {@code --kafka key=value}
 * @param topics           Skald's topic names
 */
public record KafkaAccess(String bootstrapServers, Map<String, String> extra, SkaldTopics topics) {
    /** How long any call to the cluster may take before the CLI reports it unreachable. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    public KafkaAccess {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers can't be null");
        extra = Map.copyOf(extra);
        Objects.requireNonNull(topics, "topics can't be null");
    }

    /** The settings every client shares: the extra settings and the bootstrap servers. */
    public Properties common() {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** An admin client, after checking that the cluster answers. */
    public Admin admin() {
        Properties props = common();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() - 1000);
        Admin admin = Admin.create(props);
        try {
            await(admin.describeCluster().clusterId(), "reach the Kafka cluster");
            return admin;
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    /** A consumer outside any group that reads committed records only, as bytes. */
    public Properties consumer() {
        Properties props = common();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() - 1000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return props;
    }

    /** A transactional producer of bytes with this transactional id. */
    public Properties transactionalProducer(String transactionalId) {
        Properties props = common();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        return props;
    }

    /**
     * The value of an admin call, or a {@link CliException} saying what could not be done (its cause is the
     * broker's error).
     */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(what, e.getCause());
            }
            throw new CliException("cannot " + what + " on " + bootstrapServers + ": " + e.getCause().getMessage(),
                    CliException.FAILED, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted: cannot " + what, CliException.FAILED, e);
        }
    }

    /** The exception for a cluster that did not answer. */
    public CliException unreachable(String what, Throwable cause) {
        return new CliException("cannot " + what + " at " + bootstrapServers + ": no answer within "
                + TIMEOUT.toSeconds() + " s (is the cluster reachable, and are --bootstrap-servers and the "
                + "security settings right?)", CliException.UNREACHABLE, cause);
    }
}
