package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangesTest {
    private final Changes changes = new Changes();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private CompletableFuture<Boolean> waiter(String taskType, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return changes.await(taskType, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, pool);
    }

    @Test
    void changesToOtherTaskTypesDoNotWakeAPoll() {
        CompletableFuture<Boolean> payments = waiter("payments", Duration.ofMillis(300));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            changes.signal("shipping");
            return payments.isDone();
        });

        assertThat(payments.join()).as("woken by a change").isFalse();
    }

    @Test
    void aChangeToItsTaskTypeWakesAPoll() {
        CompletableFuture<Boolean> payments = waiter("payments", Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            changes.signal("payments");
            return payments.isDone();
        });

        assertThat(payments.join()).isTrue();
    }

    @Test
    void aChangeOfTheBridgesStateWakesEveryPoll() {
        CompletableFuture<Boolean> payments = waiter("payments", Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            changes.signal();
            return payments.isDone();
        });

        assertThat(payments.join()).isTrue();
    }
}
