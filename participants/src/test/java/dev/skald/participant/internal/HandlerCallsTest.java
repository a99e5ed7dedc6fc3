package dev.skald.participant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.Reply;
import dev.skald.participant.Stubborn;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Handler calls with a deadline: the caller stops waiting, the call is interrupted, a late result is dropped. */
class HandlerCallsTest {
    private final HandlerCalls calls = new HandlerCalls("skald-participant-inventory-0-handler", Duration.ofMillis(200));

    @AfterEach
    void close() {
        calls.close();
        MDC.clear();
    }

    @Test
    void aCallWithinItsDeadlineReturnsItsReplyWithTheCallersLoggingContext() throws Exception {
        MDC.put("sagaId", "order-1");

        Reply reply = calls.call("the handler of Reserve", () -> Reply.success(Map.of("saga", MDC.get("sagaId"))));

        assertThat(reply).isEqualTo(Reply.success(Map.of("saga", "order-1")));
    }

    @Test
    void whatACallThrowsReachesTheCallerAsIs() {
        assertThatThrownBy(() -> calls.call("the handler of Reserve", () -> {
            throw new BusinessFailureException("out of stock");
        })).isInstanceOf(BusinessFailureException.class).hasMessage("out of stock");
        assertThatThrownBy(() -> calls.call("the handler of Reserve", () -> {
            throw new StackOverflowError("deep");
        })).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void aCallPastItsDeadlineIsInterruptedAndTheCallerToldWhy() {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch never = new CountDownLatch(1);

        assertThatThrownBy(() -> calls.call("the handler of Reserve", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Reply.success();
        })).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("the handler of Reserve exceeded its deadline of 200ms (handler.timeout) and was"
                        + " interrupted");

        await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.overrunning() == 0);
    }

    @Test
    void aCallThatIgnoresTheInterruptCountsAsOverrunningUntilItEndsAndItsResultIsDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Reply> late = new AtomicReference<>();

        assertThatThrownBy(() -> calls.call("the handler of Reserve", () -> {
            Stubborn.await(release, new CountDownLatch(1));
            late.set(Reply.success(Map.of("late", true)));
            ended.countDown();
            return late.get();
        })).isInstanceOf(DeadlineExceededException.class);

        assertThat(calls.overrunning()).isEqualTo(1);
        Reply next = calls.call("the handler of Reserve", Reply::success);
        assertThat(next).isEqualTo(Reply.success());
        release.countDown();
        ended.await();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.overrunning() == 0);
        assertThat(late.get()).isNotNull();
    }
}
