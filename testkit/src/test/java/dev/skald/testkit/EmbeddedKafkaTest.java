package dev.skald.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaTest.class);

    @Test
    void startsABrokerThatCreatesTopicsIdempotentlyAndDeletesItsDataOnClose() throws Exception {
        long begin = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.builder().brokerProperty("auto.create.topics.enable", "false").start();
        Duration started = Duration.ofNanos(System.nanoTime() - begin);
        Duration closed;

        try {
            kafka.createTopics(2, "orders", "payments");
            kafka.createTopics(2, "orders");
            kafka.createTopic("definitions", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic("definitions", 1, Map.of("cleanup.policy", "compact"));

            try (Admin admin = kafka.newAdmin()) {
                Map<String, TopicDescription> topics =
                        admin.describeTopics(List.of("orders", "payments", "definitions")).allTopicNames().get();
                assertThat(topics.get("orders").partitions()).hasSize(2);
                assertThat(topics.get("payments").partitions()).hasSize(2);
                assertThat(topics.get("definitions").partitions()).hasSize(1);
                assertThat(config(admin, ConfigResource.Type.TOPIC, "definitions").get("cleanup.policy").value())
                        .isEqualTo("compact");
                Config broker = config(admin, ConfigResource.Type.BROKER, brokerId(admin));
                assertThat(broker.get("auto.create.topics.enable").value()).isEqualTo("false");
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            Records.produce(kafka, "orders", Records.numbered("order", 20));
            assertThat(Records.consume(kafka, "orders", 20)).containsExactlyInAnyOrderElementsOf(
                    Records.numbered("order", 20));
        } finally {
            begin = System.nanoTime();
            kafka.close();
            closed = Duration.ofNanos(System.nanoTime() - begin);
        }
        LOG.info("EmbeddedKafka measured: start {} ms, close {} ms", started.toMillis(), closed.toMillis());

        assertThat(kafka.dataDirectory()).doesNotExist();
        kafka.close();
    }

    private static Config config(Admin admin, ConfigResource.Type type, String name)
            throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(type, name);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    private static String brokerId(Admin admin) throws ExecutionException, InterruptedException {
        return admin.describeCluster().nodes().get().iterator().next().idString();
    }
}
