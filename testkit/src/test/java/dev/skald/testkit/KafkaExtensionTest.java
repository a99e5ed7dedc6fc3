package dev.skald.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

@WithKafka(topics = {"preset-a", "preset-b"}, partitions = 3,
        brokerProperties = "auto.create.topics.enable=false")
class KafkaExtensionTest {

    private final EmbeddedKafka kafka;

    KafkaExtensionTest(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    @Test
    void injectsTheClassBrokerIntoConstructorAndMethodParameters(EmbeddedKafka method, KafkaBroker broker)
            throws Exception {
        assertThat(method).isSameAs(kafka).isSameAs(broker);
        try (Admin admin = kafka.newAdmin()) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void createsTheAnnotatedTopicsAndAppliesTheBrokerProperties() throws Exception {
        try (Admin admin = kafka.newAdmin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of("preset-a", "preset-b")).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));

            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, brokerId(admin));
            assertThat(admin.describeConfigs(List.of(broker)).all().get().get(broker)
                    .get("auto.create.topics.enable").value()).isEqualTo("false");
        }
    }

    @Nested
    class NestedClass {

        @Test
        void sharesTheEnclosingClassBroker(EmbeddedKafka nested) {
            assertThat(nested).isSameAs(kafka);
        }
    }

    private static String brokerId(Admin admin) throws ExecutionException, InterruptedException {
        return admin.describeCluster().nodes().get().iterator().next().idString();
    }
}
