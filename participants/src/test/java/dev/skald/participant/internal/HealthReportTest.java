package dev.skald.participant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantHealth;
import dev.skald.participant.ParticipantHealth.Status;
import dev.skald.participant.WorkerHealth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A participant's health from its lifecycle and its workers, and a worker's from what happened to it. */
class HealthReportTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static WorkerHealth worker(WorkerHealth.State state) {
        return new WorkerHealth(0, state, Set.of(), 0, 0, null, null);
    }

    @Test
    void aRunningParticipantIsRunningWhenEveryWorkerIs() {
        assertThat(HealthReport.status(Participant.State.RUNNING,
                List.of(worker(WorkerHealth.State.RUNNING), worker(WorkerHealth.State.RUNNING))))
                .isEqualTo(Status.RUNNING);
    }

    @Test
    void aRecoveringOrStoppedWorkerDegradesARunningParticipantMoreThanAStartingOne() {
        assertThat(HealthReport.status(Participant.State.RUNNING,
                List.of(worker(WorkerHealth.State.STARTING), worker(WorkerHealth.State.RUNNING))))
                .isEqualTo(Status.STARTING);
        assertThat(HealthReport.status(Participant.State.RUNNING,
                List.of(worker(WorkerHealth.State.STARTING), worker(WorkerHealth.State.RECOVERING))))
                .isEqualTo(Status.DEGRADED);
        assertThat(HealthReport.status(Participant.State.RUNNING,
                List.of(worker(WorkerHealth.State.RUNNING), worker(WorkerHealth.State.STOPPED))))
                .isEqualTo(Status.DEGRADED);
    }

    @Test
    void theLifecycleDecidesOnceTheParticipantFailedOrStops() {
        List<WorkerHealth> running = List.of(worker(WorkerHealth.State.RUNNING));
        assertThat(HealthReport.status(Participant.State.FAILED, running)).isEqualTo(Status.FAILED);
        assertThat(HealthReport.status(Participant.State.STOPPING, running)).isEqualTo(Status.STOPPED);
        assertThat(HealthReport.status(Participant.State.STOPPED, running)).isEqualTo(Status.STOPPED);
    }

    @Test
    void theLastErrorIsTheFailureElseTheLatestWorkerError() {
        WorkerHealth older = new WorkerHealth(0, WorkerHealth.State.RUNNING, Set.of(1), 0, 0, "older",
                NOW.minusSeconds(60));
        WorkerHealth newer = new WorkerHealth(1, WorkerHealth.State.RECOVERING, Set.of(), 2, 1, "newer", NOW);

        ParticipantHealth degraded = HealthReport.of("inventory", "i-1", Participant.State.RUNNING, null,
                List.of(older, newer), 0);
        ParticipantHealth failed = HealthReport.of("inventory", "i-1", Participant.State.FAILED,
                new IllegalStateException("boom"), List.of(older, newer), 1);

        assertThat(degraded.status()).isEqualTo(Status.DEGRADED);
        assertThat(degraded.isUp()).isFalse();
        assertThat(degraded.lastError()).isEqualTo("newer");
        assertThat(failed.lastError()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(failed.overrunningHandlers()).isEqualTo(1);
    }

    @Test
    void aWorkerStartsUntilItJoinsRecoversAfterAFailureUntilAGoodTurnAndStartsAgainAfterARestart() {
        WorkerMonitor monitor = new WorkerMonitor(0, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(monitor.health(Set.of()).state()).isEqualTo(WorkerHealth.State.STARTING);

        monitor.joined();
        assertThat(monitor.health(Set.of(2)).state()).isEqualTo(WorkerHealth.State.RUNNING);

        monitor.failed(new IllegalStateException("fenced"));
        monitor.failed(new IllegalStateException("fenced again"));
        WorkerHealth recovering = monitor.health(Set.of());
        assertThat(recovering.state()).isEqualTo(WorkerHealth.State.RECOVERING);
        assertThat(recovering.failuresInARow()).isEqualTo(2);
        assertThat(recovering.lastError()).isEqualTo("java.lang.IllegalStateException: fenced again");
        assertThat(recovering.lastErrorAt()).isEqualTo(NOW);

        monitor.restarted();
        monitor.succeeded();
        assertThat(monitor.health(Set.of()).state()).isEqualTo(WorkerHealth.State.STARTING);
        assertThat(monitor.health(Set.of()).restarts()).isEqualTo(1);

        monitor.joined();
        assertThat(monitor.health(Set.of()).state()).isEqualTo(WorkerHealth.State.RUNNING);
        monitor.stopped();
        assertThat(monitor.health(Set.of()).state()).isEqualTo(WorkerHealth.State.STOPPED);
    }

    @Test
    void aBatchTakesCommandsForHalfTheTransactionTimeoutOrLessIfALastCallCouldOutliveIt() {
        assertThat(Worker.batchTime(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10)))
                .isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(Worker.batchTime(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(20)))
                .isEqualTo(java.time.Duration.ofSeconds(10));
    }
}
