package dev.skald.testkit;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WithKafka(topics = {"streams-in", "streams-out"}, partitions = 2)
class ExactlyOnceStreamsTest {

    @Test
    void exactlyOnceStreamsAppCopiesATopic(EmbeddedKafka kafka, @TempDir Path stateDir) {
        List<String> sent = Records.numbered("event", 50);
        Records.produce(kafka, "streams-in", sent);

        try (KafkaStreams streams = new KafkaStreams(copy(), streamsConfig(kafka, stateDir))) {
            streams.start();
            await().atMost(Records.TIMEOUT).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            assertThat(Records.consume(kafka, "streams-out", sent.size(), "read_committed"))
                    .containsExactlyInAnyOrderElementsOf(
                            sent.stream().map(value -> "copy of " + value).collect(Collectors.toList()));
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static Topology copy() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("streams-in")
                .mapValues(value -> "copy of " + value)
                .to("streams-out");
        return builder.build();
    }

    private static Properties streamsConfig(EmbeddedKafka kafka, Path stateDir) {
        Properties config = new Properties();
        config.putAll(kafka.clientConfig());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "testkit-copy");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return config;
    }
}
