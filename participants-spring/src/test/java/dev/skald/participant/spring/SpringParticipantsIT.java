package dev.skald.participant.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaReply;
import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Commands;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantTopics;
import dev.skald.participant.Reply;
import dev.skald.participant.Wire;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.WithKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/**
 * A real Spring Boot application (auto-configuration, Actuator) whose annotated handler bean answers commands on a
 * real broker: a success, a business failure, the health endpoint and the meters.
 */
@Tag("kafka")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringParticipantsIT {
    private static final String REGISTRY = "mock://participants-spring-it";

    record ReserveStock(String sku) {
    }

    record Charge(BigDecimal amount) {
    }

    /** The application's handlers: one bean, two command types. */
    @Component
    @SkaldParticipant("inventory")
    static class InventoryHandlers {
        final Set<String> reserved = ConcurrentHashMap.newKeySet();

        @HandlesCommand("ReserveStock")
        Reply reserve(ReserveStock command, CommandContext context) {
            reserved.add(context.sagaId());
            return Reply.success(Map.of("reservationId", "r-" + context.sagaId(), "sku", command.sku()));
        }

        @HandlesCommand("Charge")
        Reply charge(Charge command) {
            throw new BusinessFailureException("over the limit: " + command.amount());
        }
    }

    /** The application: auto-configuration and the handler bean, no component scan. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(InventoryHandlers.class)
    static class InventoryApplication {
    }

    private ConfigurableApplicationContext application;
    private Wire wire;

    @BeforeAll
    void start(EmbeddedKafka kafka) {
        application = new SpringApplicationBuilder(InventoryApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "skald.participant.bootstrap.servers", kafka.bootstrapServers(),
                        "skald.participant.schema.registry.url", REGISTRY,
                        "skald.participant.partitions", "2",
                        "skald.participant.poll.timeout", "50ms",
                        "skald.participants.inventory.instance.id", "inventory-it",
                        "skald.participants.inventory.shutdown.timeout", "10s",
                        "spring.main.banner-mode", "off",
                        "management.endpoint.health.show-details", "always"))
                .run();
        wire = new Wire(kafka.bootstrapServers(), REGISTRY, ParticipantTopics.DEFAULT);
    }

    @AfterAll
    void stop() {
        if (wire != null) {
            wire.close();
        }
        if (application != null) {
            application.close();
        }
    }

    @Test
    @Order(1)
    void theAnnotatedBeanRunsAsAParticipantConfiguredByTheProperties() {
        List<Participant> participants = application.getBean(SkaldParticipants.class).participants();

        assertThat(participants).extracting(Participant::name).containsExactly("inventory");
        assertThat(participants.get(0).instanceId()).isEqualTo("inventory-it");
        assertThat(participants.get(0).config().partitions()).isEqualTo(2);
        assertThat(participants.get(0).config().shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    @Order(2)
    void theHealthEndpointReportsTheParticipantUpOnceItRuns() {
        HealthEndpoint endpoint = application.getBean(HealthEndpoint.class);

        Health health = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> (Health) endpoint.healthForPath("skaldParticipants"),
                        h -> h.getStatus().equals(Status.UP));

        assertThat(health.getDetails()).containsOnlyKeys("inventory");
        assertThat(ParticipantsHealthIndicatorTest.details(health, "inventory"))
                .containsEntry("status", "RUNNING").containsEntry("instanceId", "inventory-it");
    }

    @Test
    @Order(3)
    void aCommandIsAnsweredWithTheHandlersOutput() {
        wire.send(Commands.action("order-1", "reserve", "inventory", "ReserveStock", "{\"sku\":\"A-1\"}"));

        SagaReply reply = awaitReply("order-1:reserve:1:action");

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(reply.getOutput()).contains("\"reservationId\":\"r-order-1\"").contains("\"sku\":\"A-1\"");
        assertThat(application.getBean(InventoryHandlers.class).reserved).contains("order-1");
    }

    @Test
    @Order(4)
    void aBusinessFailureThrownByTheBeanIsABusinessFailureReply() {
        wire.send(Commands.action("order-2", "charge", "inventory", "Charge", "{\"amount\":500}"));

        SagaReply reply = awaitReply("order-2:charge:1:action");

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.BUSINESS_FAILURE);
        assertThat(reply.getError()).contains("over the limit: 500");
    }

    @Test
    @Order(5)
    void theMetersAreInTheApplicationsRegistry() {
        MeterRegistry registry = application.getBean(MeterRegistry.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(registry.find("skald.participant.commands").tags("participant", "inventory",
                    "outcome", "success").counter()).isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
            assertThat(registry.find("skald.participant.commands").tags("participant", "inventory",
                    "outcome", "business_failure").counter()).isNotNull();
        });
    }

    @Test
    @Order(6)
    void stoppingTheParticipantsClosesThemAndTheHealthGoesDown() {
        SkaldParticipants participants = application.getBean(SkaldParticipants.class);

        participants.stop();

        assertThat(participants.participants()).extracting(Participant::state)
                .containsOnly(Participant.State.STOPPED);
        Health health = (Health) application.getBean(HealthEndpoint.class).healthForPath("skaldParticipants");
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(ParticipantsHealthIndicatorTest.details(health, "inventory")).containsEntry("status", "STOPPED");
    }

    private SagaReply awaitReply(String commandId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> wire.replies().stream().filter(r -> r.getCommandId().equals(commandId)).findFirst()
                        .orElse(null), r -> r != null);
    }
}
