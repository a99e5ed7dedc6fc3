package dev.skald.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * saga-core stays pure: no Kafka and no Micronaut, in its sources or on its classpath. (The enforcer rule in
 * saga-core/pom.xml bans the dependencies; this test catches imports that would arrive some other way.)
 */
class PurityTest {

    @Test
    void noSourceImportsKafkaOrMicronaut() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(PurityTest::importsFramework)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static boolean importsFramework(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import org.apache.kafka")
                    || line.startsWith("import io.micronaut") || line.startsWith("import static org.apache.kafka")
                    || line.startsWith("import static io.micronaut"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.apache.kafka.clients.producer.KafkaProducer", "org.apache.kafka.streams.KafkaStreams",
            "io.micronaut.context.ApplicationContext"})
    void frameworksAreNotOnTheClasspath(String className) {
        assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
    }
}
