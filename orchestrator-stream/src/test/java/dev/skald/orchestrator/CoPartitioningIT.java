package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An orchestrator refuses to run on input topics with different partition counts, and says which. */
@Tag("kafka")
class CoPartitioningIT {

    @Test
    void refusesToStartWhenARepliesTopicWasCreatedWithAnotherPartitionCount() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                    .applicationId("copart-it").schemaRegistryUrl("mock://copart-it").partitions(3)
                    .stateDir(Files.createTempDirectory("skald-copart")).build();
            try (Admin admin = Admin.create(config.clientProperties())) {
                admin.createTopics(List.of(new NewTopic(config.topics().replies(), 1, (short) 1))).all().get();
            }

            assertThatThrownBy(() -> Orchestrator.start(config).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("same number of partitions")
                    .hasMessageContaining(config.topics().replies() + "=1")
                    .hasMessageContaining(config.topics().starts() + "=3");
        }
    }
}
