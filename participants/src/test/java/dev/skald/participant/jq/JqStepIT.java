package dev.skald.participant.jq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StartRequest;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import dev.skald.saga.format.ConductorWorkflows;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * jq steps end to end on a real broker: Conductor workflows with a JSON_JQ_TRANSFORM task, run by the orchestrator
 * and the jq executor, whose handler deadline is one second here.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JqStepIT {
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private final String registry = "mock://jq-step-it";
    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private Participant executor;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        orchestrator = Orchestrator.start(OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("jq-step-it").schemaRegistryUrl(registry).partitions(1)
                .stateDir(Files.createTempDirectory("jq-step-it")).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).build());
        executor = JqTasks.start(ParticipantConfig.builder(kafka.bootstrapServers()).schemaRegistryUrl(registry)
                .partitions(1).pollTimeout(Duration.ofMillis(50)).handlerTimeout(DEADLINE)
                .transactionTimeout(Duration.ofSeconds(30)).build());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {executor, orchestrator, kafka}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** Runs a workflow of one JSON_JQ_TRANSFORM task, tried once, on {@code {"items": [1, 2, 3]}}. */
    private SagaView run(String name, String query) {
        orchestrator.apply(ConductorWorkflows.fromJson("""
                {"name": "%s", "version": 1, "tasks": [{"name": "t", "taskReferenceName": "t",
                  "type": "JSON_JQ_TRANSFORM", "taskDefinition": {"retryCount": 0},
                  "inputParameters": {"items": "${workflow.input.items}", "queryExpression": "%s"}}],
                 "outputParameters": {"total": "${t.output.result}"}}""".formatted(name, query)));
        String id = orchestrator.startSaga(StartRequest.of(name, Map.of("items", java.util.List.of(1, 2, 3)))
                .sagaId(name));
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> orchestrator.queries().saga(id).orElse(null), s -> s != null && s.status().isTerminal());
    }

    @Test
    void aTransformCompletesTheStepWithItsResult() {
        SagaView saga = run("sum", ".items | add");

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.output().get("total").intValue()).isEqualTo(6);
    }

    @Test
    void aRuntimeErrorFailsTheStepAtTheFirstAttempt() {
        SagaView saga = run("broken", ".items + 1");

        assertThat(saga.status()).isNotEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.error()).contains("jq query '.items + 1' failed").contains("cannot be added");
        assertThat(saga.step("t").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aRunawayQueryEndsAtTheHandlerDeadlineAndTheExecutorRunsTheNextQuery() {
        SagaView runaway = run("runaway", "last(range(1e18))");

        assertThat(runaway.status()).isNotEqualTo(SagaStatus.COMPLETED);
        assertThat(runaway.error()).contains("exceeded its deadline");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(executor.health().overrunningHandlers()).isZero());
        SagaView next = run("after_runaway", ".items | length");
        assertThat(next.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(next.output().get("total").intValue()).isEqualTo(3);
    }
}
