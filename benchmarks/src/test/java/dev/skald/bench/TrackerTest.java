package dev.skald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrackerTest {

    @Test
    void recordsEndToEndAndEachStepOfAFinishedSaga() {
        Tracker tracker = new Tracker(2);
        AtomicInteger finished = new AtomicInteger();
        tracker.submitted("s-1", System.nanoTime(), finished::incrementAndGet);
        tracker.handled("s-1", 1);
        tracker.handled("s-1", 2);
        assertThat(tracker.finished("s-1")).isTrue();
        Tracker.Window window = tracker.newWindow();
        assertThat(window.endToEnd().count()).isEqualTo(1);
        assertThat(window.segments()).hasSize(3).allSatisfy(l -> assertThat(l.count()).isEqualTo(1));
        assertThat(finished).hasValue(1);
        assertThat(tracker.completed()).isEqualTo(1);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void ignoresOutcomesOfSagasItDidNotSubmitAndRepeatedOutcomes() {
        Tracker tracker = new Tracker(1);
        tracker.submitted("s-1", System.nanoTime(), () -> { });
        assertThat(tracker.finished("other")).isFalse();
        assertThat(tracker.finished("s-1")).isTrue();
        assertThat(tracker.finished("s-1")).isFalse();
        assertThat(tracker.completed()).isEqualTo(1);
    }
}
