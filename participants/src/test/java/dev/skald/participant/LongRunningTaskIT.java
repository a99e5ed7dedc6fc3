package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StartRequest;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A long-running task on a real broker: the handler answers in progress at once, heartbeats keep the attempt alive
 * far past its response timeout and the participant's transaction timeout, the participant restarts in the middle,
 * and the new instance completes the command; the step ran one attempt.
 */
@Tag("kafka")
class LongRunningTaskIT {
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(6);
    private static final String REGISTRY = "mock://long-running-it";

    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<Participant> current = new AtomicReference<>();
    private final AtomicReference<String> started = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger beats = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        orchestrator = Orchestrator.start(OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("long-running-it").schemaRegistryUrl(REGISTRY).partitions(2)
                .stateDir(Files.createTempDirectory("long-running-it")).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).build());
        orchestrator.apply(Saga.named("digest").version(1)
                .step("summarize").call("llm", "Summarize").responseTimeout(RESPONSE_TIMEOUT)
                .build());
    }

    @AfterEach
    void stop() {
        heartbeats.shutdownNow();
        if (current.get() != null) {
            current.get().close();
        }
        orchestrator.close();
        kafka.close();
    }

    private Participant startParticipant() {
        Participant participant = Participant.named("llm")
                .config(ParticipantConfig.builder(kafka.bootstrapServers()).schemaRegistryUrl(REGISTRY).partitions(2)
                        .pollTimeout(Duration.ofMillis(50)).transactionTimeout(TRANSACTION_TIMEOUT)
                        .handlerTimeout(Duration.ofSeconds(2)).build())
                .handle("Summarize", Map.class, (command, context) -> {
                    calls.incrementAndGet();
                    started.set(context.commandId());
                    return Reply.inProgress();
                })
                .start();
        current.set(participant);
        return participant;
    }

    private void heartbeatEverySecond() {
        heartbeats.scheduleAtFixedRate(() -> {
            String commandId = started.get();
            if (commandId != null && current.get().state() == Participant.State.RUNNING) {
                current.get().heartbeat(commandId);
                beats.incrementAndGet();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private SagaView saga() {
        return orchestrator.queries().saga("digest-1").orElseThrow();
    }

    @Test
    void heartbeatsCarryATaskPastItsTimeoutsAndAcrossARestartUntilItCompletes() {
        startParticipant();
        heartbeatEverySecond();
        orchestrator.startSaga(StartRequest.of("digest", Map.of("thread", 1)).sagaId("digest-1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> started.get() != null);

        await().atMost(Duration.ofSeconds(60)).until(() -> beats.get() >= 10);
        assertThat(saga().step("summarize").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);

        current.get().close();
        int beforeRestart = beats.get();
        startParticipant();
        await().atMost(Duration.ofSeconds(60)).until(() -> beats.get() >= beforeRestart + 6);
        assertThat(saga().step("summarize").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);

        current.get().complete(started.get(), Reply.success(Map.of("summary", "all good")));

        SagaView done = await().atMost(Duration.ofSeconds(60)).until(this::saga, s -> s.status().isTerminal());
        assertThat(done.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(done.step("summarize").orElseThrow().attempts()).isEqualTo(1);
        assertThat(done.step("summarize").orElseThrow().output().get("summary").textValue()).isEqualTo("all good");
        assertThat(calls.get()).as("the command is handled once, not again after the restart").isEqualTo(1);
    }

    @Test
    void anUnknownCommandIdIsRefusedSayingWhatAnIdLooksLike() {
        Participant participant = startParticipant();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> participant.complete("nope", Reply.success()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope' is not a command id (sagaId:stepId:attempt:action|compensation)");
    }
}
