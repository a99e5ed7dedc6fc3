package dev.skald.testkit;

import dev.skald.testkit.internal.Signals;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A 3-node cluster keeps acknowledged writes while one node is killed or frozen, and takes the node back. */
@Tag("slow")
class KafkaClusterTest {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterTest.class);
    private static final Duration REJOIN = Duration.ofSeconds(30);
    private static final Set<Integer> ALL_NODES = Set.of(1, 2, 3);

    private static KafkaCluster kafka;
    private static Admin admin;

    @BeforeAll
    static void startCluster() {
        long begin = System.nanoTime();
        kafka = KafkaCluster.builder().nodes(3).start();
        LOG.info("KafkaCluster of 3 nodes measured: start {} ms", millisSince(begin));
        Map<String, Object> config = kafka.clientConfig();
        // A frozen node answers nothing: give up on it quickly and ask another.
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000);
        admin = Admin.create(config);
    }

    @AfterAll
    static void stopCluster() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            long begin = System.nanoTime();
            kafka.close();
            LOG.info("KafkaCluster of 3 nodes measured: close {} ms", millisSince(begin));
        }
    }

    @Test
    void createsTopicsReplicatedOnThreeNodesWithTwoInSyncReplicasRequired() throws Exception {
        kafka.createTopics(3, "replicated");

        TopicDescription topic = describe("replicated");
        assertThat(topic.partitions()).hasSize(3)
                .allSatisfy(partition -> assertThat(nodeIds(partition.replicas())).isEqualTo(ALL_NODES));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "replicated");
        assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
        assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
    }

    @Test
    void commitsTransactionsWithANodeKilledAndTakesItBackAfterARestart() throws Exception {
        kafka.createTopics(3, "orders");
        String transactionalId = "orders-" + UUID.randomUUID();
        // The transaction state and offsets topics are created now, on 3 nodes: with one down they could not be.
        produceInTransaction(transactionalId, "orders", Records.numbered("before", 10));
        assertThat(committedValues("orders", 10)).hasSize(10);

        int victim = leaderOfFirstPartition("orders");
        long pid = kafka.pid(victim);
        kafka.kill(victim);
        assertThat(kafka.isAlive(victim)).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        awaitInSyncReplicas("orders", isr -> !isr.contains(victim));

        produceInTransaction(transactionalId, "orders", Records.numbered("while-down", 10));
        List<String> expected = new ArrayList<>(Records.numbered("before", 10));
        expected.addAll(Records.numbered("while-down", 10));
        assertThat(committedValues("orders", 20)).containsExactlyInAnyOrderElementsOf(expected);

        long begin = System.nanoTime();
        kafka.restart(victim);
        LOG.info("KafkaCluster of 3 nodes measured: restart of node {} after a kill {} ms", victim, millisSince(begin));
        assertThat(kafka.pid(victim)).isNotEqualTo(pid);
        awaitInSyncReplicas("orders", isr -> isr.equals(ALL_NODES));
    }

    @Test
    void aFrozenControllerIsStoppedFencedAndRejoinsOnceThawed() throws Exception {
        kafka.createTopics(3, "payments");
        int frozen = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
        long pid = kafka.pid(frozen);

        kafka.freeze(frozen);
        assertThat(Signals.state(pid)).contains('T');
        assertThat(kafka.isAlive(frozen)).isTrue();
        awaitInSyncReplicas("payments", isr -> !isr.contains(frozen));
        produceIdempotently("payments", Records.numbered("while-frozen", 10));

        kafka.thaw(frozen);
        assertThat(Signals.state(pid)).hasValueSatisfying(state -> assertThat(state).isNotEqualTo('T'));
        awaitInSyncReplicas("payments", isr -> isr.equals(ALL_NODES));
        assertThat(kafka.pid(frozen)).isEqualTo(pid);
        assertThat(committedValues("payments", 10))
                .containsExactlyInAnyOrderElementsOf(Records.numbered("while-frozen", 10));
    }

    private static void produceInTransaction(String transactionalId, String topic, List<String> values) {
        Map<String, Object> config = Records.producerConfig(kafka);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            values.forEach(value -> producer.send(new ProducerRecord<>(topic, value, value)));
            producer.commitTransaction();
        }
    }

    private static void produceIdempotently(String topic, List<String> values) throws Exception {
        Map<String, Object> config = Records.producerConfig(kafka);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A request to the frozen leader times out soon and is retried on the new leader.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<?>> acks = new ArrayList<>();
            values.forEach(value -> acks.add(producer.send(new ProducerRecord<>(topic, value, value))));
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    private static List<String> committedValues(String topic, int count) {
        return kafka.committedRecords(topic, count, Records.TIMEOUT).stream()
                .map(ConsumerRecord::value)
                .collect(Collectors.toList());
    }

    private static int leaderOfFirstPartition(String topic) throws Exception {
        return describe(topic).partitions().get(0).leader().id();
    }

    /** Waits until the in-sync replicas of every partition of {@code topic} satisfy {@code condition}. */
    private static void awaitInSyncReplicas(String topic, Predicate<Set<Integer>> condition) {
        await().atMost(REJOIN).ignoreExceptions()
                .until(() -> describe(topic).partitions().stream()
                        .map(partition -> nodeIds(partition.isr()))
                        .allMatch(condition));
    }

    private static TopicDescription describe(String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static Set<Integer> nodeIds(List<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toSet());
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
