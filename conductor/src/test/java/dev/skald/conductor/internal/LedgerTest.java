package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.avro.ReplyOutcome;
import dev.skald.saga.machine.CommandKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final TaskSettings SETTINGS = new TaskSettings("charge", 3, "FIXED", 1, 0, 10, 0);

    private static BridgeTask scheduled(TaskSettings settings) {
        return Ledger.schedule(new TaskOrigin("s1:charge:1:action", "s1", "charge", 1, CommandKind.ACTION, "charge",
                "{\"amount\":5}", T0), settings);
    }

    private static LeaseRequest request(String pollId, Instant expiresAt) {
        return new LeaseRequest(pollId, "s1:charge:1:action", "w-" + pollId, expiresAt);
    }

    private static WorkerUpdate.Result result(WorkerUpdate.ResultStatus status, long callback) {
        return new WorkerUpdate.Result("s1:charge:1:action", "u1", status, "{\"ok\":true}", null, callback, "w",
                false, List.of());
    }

    private static BridgeTask leased() {
        return Ledger.lease(scheduled(SETTINGS), request("p1", T0.plusSeconds(3)), T0).orElseThrow();
    }

    @Test
    void aScheduledTaskIsLeasedToTheFirstRequestOnly() {
        BridgeTask task = leased();

        assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(task.pollId()).isEqualTo("p1");
        assertThat(task.pollCount()).isEqualTo(1);
        assertThat(task.responseDueAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(Ledger.lease(task, request("p2", T0.plusSeconds(3)), T0)).isEmpty();
    }

    @Test
    void anExpiredLeaseRequestIsRefused() {
        assertThat(Ledger.lease(scheduled(SETTINGS), request("p1", T0.minusMillis(1)), T0)).isEmpty();
    }

    @Test
    void completedFailedAndTerminalErrorsAnswerTheOrchestrator() {
        assertThat(Ledger.update(leased(), result(WorkerUpdate.ResultStatus.COMPLETED, 0), T0).orElseThrow().reply())
                .hasValueSatisfying(reply -> assertThat(reply.outcome()).isEqualTo(ReplyOutcome.SUCCESS));
        assertThat(Ledger.update(leased(), result(WorkerUpdate.ResultStatus.FAILED, 0), T0).orElseThrow().reply())
                .hasValueSatisfying(reply -> assertThat(reply.outcome()).isEqualTo(ReplyOutcome.RETRIABLE_FAILURE));
        assertThat(Ledger.update(leased(), result(WorkerUpdate.ResultStatus.FAILED_WITH_TERMINAL_ERROR, 0), T0)
                .orElseThrow().reply())
                .hasValueSatisfying(reply -> assertThat(reply.outcome()).isEqualTo(ReplyOutcome.BUSINESS_FAILURE));
    }

    @Test
    void inProgressWithACallbackMakesTheTaskPollableLaterWithoutAResponseDeadline() {
        Instant at = T0.plusSeconds(5);
        BridgeTask waiting = Ledger.update(leased(), result(WorkerUpdate.ResultStatus.IN_PROGRESS, 60), at)
                .orElseThrow().task();

        assertThat(waiting.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(waiting.pollable(at.plusSeconds(59))).isFalse();
        assertThat(waiting.pollable(at.plusSeconds(60))).isTrue();
        assertThat(waiting.nextDeadline()).isEmpty();
        assertThat(Ledger.expire(waiting, at.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void aTerminalTaskIgnoresEveryLaterUpdate() {
        BridgeTask done = Ledger.update(leased(), result(WorkerUpdate.ResultStatus.COMPLETED, 0), T0).orElseThrow()
                .task();

        assertThat(Ledger.update(done, result(WorkerUpdate.ResultStatus.FAILED, 0), T0)).isEmpty();
        assertThat(Ledger.expire(done, T0.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aLeaseWithoutAnUpdateTimesOutAndIsRetried() {
        BridgeTask task = leased();

        assertThat(Ledger.expire(task, T0.plusSeconds(9))).isEmpty();
        Ledger.Change change = Ledger.expire(task, T0.plusSeconds(10)).orElseThrow();
        assertThat(change.task().status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(change.reply()).hasValueSatisfying(reply -> {
            assertThat(reply.outcome()).isEqualTo(ReplyOutcome.RETRIABLE_FAILURE);
            assertThat(reply.error()).startsWith("TIMED_OUT");
        });
    }

    @Test
    void extendingTheLeaseRestartsTheResponseTimeout() {
        WorkerUpdate.Result extend = new WorkerUpdate.Result("s1:charge:1:action", "u2",
                WorkerUpdate.ResultStatus.IN_PROGRESS, null, null, 0, "w", true, List.of());
        BridgeTask extended = Ledger.update(leased(), extend, T0.plusSeconds(8)).orElseThrow().task();

        assertThat(extended.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(extended.responseDueAt()).isEqualTo(T0.plusSeconds(18));
    }

    @Test
    void anUnpolledTaskTimesOutAfterItsPollTimeout() {
        BridgeTask task = scheduled(new TaskSettings("charge", 0, "FIXED", 0, 0, 10, 30));

        assertThat(task.nextDeadline()).contains(T0.plusSeconds(30));
        assertThat(Ledger.expire(task, T0.plusSeconds(30)).orElseThrow().reply().orElseThrow().error())
                .contains("pollTimeoutSeconds=30");
    }
}
