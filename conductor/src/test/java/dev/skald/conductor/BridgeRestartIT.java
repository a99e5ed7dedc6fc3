package dev.skald.conductor;

import static dev.skald.conductor.PollingWorkersIT.completed;
import static dev.skald.conductor.PollingWorkersIT.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.netflix.conductor.client.worker.Worker;
import dev.skald.orchestrator.SagaView;
import dev.skald.saga.machine.SagaStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bridge's leases live in Kafka: the application restarts (a fresh state directory, so the bridge's store comes
 * back from its changelog) while workers hold leases, and every saga still completes with no task completed twice.
 * The workers of the first instance cannot reach the second (it listens on another port), so every lease they hold
 * ends with its response timeout, 3 seconds for every type here.
 */
@Tag("kafka")
class BridgeRestartIT {
    private static final Duration SAGA_WAIT = Duration.ofSeconds(120);

    private ConductorWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everySagaCompletesWithNoTaskCompletedTwiceAcrossARestartWithLeasesHeld() throws Exception {
        world = ConductorWorld.start("bridge-restart-it", Map.of("crash_a", 3, "crash_b", 3, "crash_c", 3));
        world.define(sequence("crashy", "crash_a", "crash_b", "crash_c"));
        CountDownLatch restarted = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        Worker a = Worker.create("crash_a", task -> completed(task, Map.of("a", task.getTaskId())));
        Worker c = Worker.create("crash_c", task -> completed(task, Map.of("c", task.getTaskId())));
        world.run(a, c, Worker.create("crash_b", task -> {
            held.incrementAndGet();
            return awaitRestart(restarted) ? completed(task, Map.of("b", "before the restart")) : null;
        }));
        List<String> sagas = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sagas.add(world.start("crashy"));
        }
        await().atMost(SAGA_WAIT).untilAsserted(() -> assertThat(held).hasPositiveValue());

        world.restartApp();
        restarted.countDown();
        world.stopRunners();
        world.run(a, c, Worker.create("crash_b", task -> completed(task, Map.of("b", "after the restart"))));

        List<SagaView> done = sagas.stream().map(id -> world.awaitStatus(id, SagaStatus.COMPLETED, SAGA_WAIT))
                .toList();
        world.assertEveryCommandAnsweredOnce();
        // the leases held across the restart ended with their response timeout, and their steps were retried
        assertThat(done).anySatisfy(saga -> assertThat(saga.steps().get(1).attempts()).isGreaterThan(1));
        assertThat(world.replies()).anySatisfy(reply -> assertThat(reply.getError()).startsWith("TIMED_OUT"));
    }

    /** The worker of the first instance holds its task until the application has restarted. */
    private static boolean awaitRestart(CountDownLatch restarted) {
        try {
            return restarted.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
