package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParticipantConfigTest {

    @Test
    void theBuilderHasADefaultForEverySettingButTheCluster() {
        ParticipantConfig config = ParticipantConfig.builder("localhost:9092").build();

        assertThat(config.schemaRegistryUrl()).isEqualTo("mock://skald");
        assertThat(config.topics()).isEqualTo(ParticipantTopics.DEFAULT);
        assertThat(config.groupIdFor("inventory")).isEqualTo("skald-participant-inventory");
        assertThat(config.instanceId()).isNull();
        assertThat(config.staticMembership()).isFalse();
        assertThat(config.workers()).isEqualTo(1);
        assertThat(config.maxBatch()).isEqualTo(1000);
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.transactionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.handlerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.dedupeRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.createTopics()).isTrue();
        assertThat(config.partitions()).isEqualTo(6);
        assertThat(config.replication()).isEqualTo((short) 1);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxReplyBytes()).isEqualTo(900_000);
        assertThat(config.kafka()).isEmpty();
    }

    @Test
    void sharedKafkaSettingsLeaveOutThoseTheParticipantOwns() {
        ParticipantConfig config = ParticipantConfig.builder("localhost:9092")
                .sharedKafka(Map.of("transaction.timeout.ms", "6000", "acks", "1", "security.protocol", "SSL"))
                .build();

        assertThat(config.kafka()).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThat(config.transactionTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEveryKeyFromProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", "k1:9092,k2:9092");
        props.put("schema.registry.url", "http://registry:8081");
        props.put("topic.prefix", "shop.");
        props.put("group.id", "inventory-service");
        props.put("instance.id", "pod-3");
        props.put("workers", 4);
        props.put("max.batch", "50");
        props.put("poll.timeout", "250ms");
        props.put("transaction.timeout", "PT20S");
        props.put("handler.timeout", "5s");
        props.put("dedupe.retention", "2d");
        props.put("topics.create", "false");
        props.put("partitions", "12");
        props.put("replication", "3");
        props.put("shutdown.timeout", "1m");
        props.put("max.reply.bytes", "2048");
        props.put("kafka.security.protocol", "SASL_SSL");

        ParticipantConfig config = ParticipantConfig.from(props);

        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(config.topics().commands("inventory")).isEqualTo("shop.commands.inventory");
        assertThat(config.groupIdFor("inventory")).isEqualTo("inventory-service");
        assertThat(config.instanceId()).isEqualTo("pod-3");
        assertThat(config.staticMembership()).isTrue();
        assertThat(config.workers()).isEqualTo(4);
        assertThat(config.maxBatch()).isEqualTo(50);
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.transactionTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.handlerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.dedupeRetention()).isEqualTo(Duration.ofDays(2));
        assertThat(config.createTopics()).isFalse();
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.replication()).isEqualTo((short) 3);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.maxReplyBytes()).isEqualTo(2048);
        assertThat(config.kafka()).containsExactly(Map.entry("security.protocol", "SASL_SSL"));
    }

    @Test
    void reportsEveryProblemOfAMapAtOnce() {
        Map<String, Object> props = Map.of("bootstrap.servers", "k:9092", "worker", "2", "poll.timeout", "soon",
                "workers", "two", "topics.create", "yes");

        assertThatThrownBy(() -> ParticipantConfig.from(props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("worker: unknown key (known keys: bootstrap.servers")
                .hasMessageContaining("poll.timeout: 'soon' is not a duration; write a number and a unit (500ms")
                .hasMessageContaining("workers: 'two' is not a whole number")
                .hasMessageContaining("topics.create: 'yes' is not true or false");
    }

    @Test
    void reportsEveryInvalidValueAtOnce() {
        ParticipantConfig.Builder builder = ParticipantConfig.builder(" ").workers(0).maxBatch(-1)
                .transactionTimeout(Duration.ZERO).instanceId("a b").maxReplyBytes(10);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid participant configuration: ")
                .hasMessageContaining("bootstrap.servers is required")
                .hasMessageContaining("workers must be at least 1, was 0")
                .hasMessageContaining("max.batch must be at least 1, was -1")
                .hasMessageContaining("transaction.timeout must be a positive duration, was PT0S")
                .hasMessageContaining("instance.id must be letters, digits")
                .hasMessageContaining("max.reply.bytes must be at least 1024, was 10");
    }

    @Test
    void theHandlerTimeoutIsAThirdOfTheTransactionTimeoutUnlessSet() {
        assertThat(ParticipantConfig.builder("k:9092").transactionTimeout(Duration.ofSeconds(3)).build()
                .handlerTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ParticipantConfig.from(Map.of("bootstrap.servers", "k:9092", "handler.timeout", "2s"))
                .handlerTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theHandlerTimeoutMustBePositiveAndLessThanTheTransactionTimeout() {
        assertThatThrownBy(() -> ParticipantConfig.from(Map.of("bootstrap.servers", "k:9092",
                "transaction.timeout", "30s", "handler.timeout", "30s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handler.timeout (30s) must be less than transaction.timeout (30s)");
        assertThatThrownBy(() -> ParticipantConfig.builder("k:9092").handlerTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("handler.timeout must be a positive duration, was PT-1S");
    }

    @Test
    void refusesClientSettingsExactlyOnceDependsOn() {
        ParticipantConfig.Builder builder = ParticipantConfig.builder("k:9092")
                .kafka(Map.of("isolation.level", "read_uncommitted", "transactional.id", "mine", "linger.ms", "5"));

        assertThatThrownBy(builder::build)
                .hasMessageContaining("kafka.isolation.level is set by the participant itself")
                .hasMessageContaining("kafka.transactional.id is set by the participant itself")
                .hasMessageNotContaining("linger.ms");
    }

    @Test
    void aMissingClusterIsNamedInTheError() {
        assertThatThrownBy(() -> ParticipantConfig.from(Map.of("workers", "2")))
                .hasMessageContaining("bootstrap.servers is required");
    }
}
