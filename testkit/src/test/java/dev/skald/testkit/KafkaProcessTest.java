package dev.skald.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class KafkaProcessTest {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaProcessTest.class);

    @Test
    void servesClientsAndComesBackWithItsDataAfterAKill() throws IOException {
        long begin = System.nanoTime();
        try (KafkaProcess kafka = KafkaProcess.start()) {
            Duration started = Duration.ofNanos(System.nanoTime() - begin);
            kafka.createTopics(2, "survives");
            List<String> sent = Records.numbered("durable", 20);
            Records.produce(kafka, "survives", sent);
            assertThat(Records.consume(kafka, "survives", sent.size())).containsExactlyInAnyOrderElementsOf(sent);

            long pid = kafka.pid();
            kafka.kill();
            assertThat(kafka.isAlive()).isFalse();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();

            begin = System.nanoTime();
            kafka.restart();
            Duration restarted = Duration.ofNanos(System.nanoTime() - begin);
            assertThat(kafka.pid()).isNotEqualTo(pid);
            assertThat(Records.consume(kafka, "survives", sent.size())).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(Files.readAllLines(kafka.logFile()).stream()
                    .filter(line -> line.contains(KafkaProcess.READY_LINE))).hasSize(2);

            begin = System.nanoTime();
            kafka.close();
            Duration closed = Duration.ofNanos(System.nanoTime() - begin);
            LOG.info("KafkaProcess measured: start {} ms, restart after kill {} ms, close {} ms",
                    started.toMillis(), restarted.toMillis(), closed.toMillis());
            assertThat(kafka.dataDirectory()).doesNotExist();
        }
    }

    @Test
    void aNewBrokerStartsAfterAnotherWasKilled() {
        try (KafkaProcess first = KafkaProcess.start()) {
            first.kill();

            try (KafkaProcess second = KafkaProcess.start()) {
                second.createTopics(1, "fresh");
                Records.produce(second, "fresh", List.of("hello"));
                assertThat(Records.consume(second, "fresh", 1)).containsExactly("hello");
            }
        }
    }
}
