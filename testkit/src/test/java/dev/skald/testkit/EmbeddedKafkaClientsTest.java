package dev.skald.testkit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithKafka
class EmbeddedKafkaClientsTest {

    @Test
    void consumerReadsWhatProducerWrote(EmbeddedKafka kafka) {
        kafka.createTopics(3, "plain");
        List<String> sent = Records.numbered("record", 100);

        Records.produce(kafka, "plain", sent);

        assertThat(Records.consume(kafka, "plain", sent.size(), "read_uncommitted"))
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void readCommittedConsumerSeesOnlyCommittedTransactions(EmbeddedKafka kafka) {
        kafka.createTopics(1, "transactional");
        Map<String, Object> config = Records.producerConfig(kafka);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-tx");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            sendInTransaction(producer, List.of("committed-1", "committed-2", "committed-3"));
            producer.commitTransaction();
            sendInTransaction(producer, List.of("aborted-1", "aborted-2", "aborted-3"));
            producer.flush();
            producer.abortTransaction();
            sendInTransaction(producer, List.of("committed-4"));
            producer.commitTransaction();
        }

        assertThat(Records.consume(kafka, "transactional", 4, "read_committed"))
                .containsExactly("committed-1", "committed-2", "committed-3", "committed-4");
        assertThat(Records.consume(kafka, "transactional", 7, "read_uncommitted"))
                .containsExactly("committed-1", "committed-2", "committed-3",
                        "aborted-1", "aborted-2", "aborted-3", "committed-4");
        assertThat(kafka.committedRecordsToEnd("transactional", Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .as("every committed record to the end offsets, none aborted")
                .containsExactly("committed-1", "committed-2", "committed-3", "committed-4");
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, List<String> values) {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>("transactional", value, value));
        }
    }
}
