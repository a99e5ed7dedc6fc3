package dev.skald.orchestrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {
    private static final TopicPartition SAGAS = new TopicPartition("app-sagas-changelog", 0);
    private static final TopicPartition TIMERS = new TopicPartition("app-timers-changelog", 1);

    @Test
    void describesTheRestoresRunningAndNothingOnceTheyEnded() {
        RestoreProgress progress = new RestoreProgress(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        assertThat(progress.describe()).isEmpty();

        progress.onRestoreStart(SAGAS, "sagas", 100, 1100);
        progress.onRestoreStart(TIMERS, "timers", 0, 50);
        progress.onBatchRestored(SAGAS, "sagas", 600, 500);
        progress.onBatchRestored(TIMERS, "timers", 20, 20);
        assertThat(progress.describe()).contains("restoring 520 of 1050 records of 2 changelog partitions");

        progress.onRestoreEnd(TIMERS, "timers", 50);
        assertThat(progress.describe()).contains("restoring 500 of 1000 records of 1 changelog partition");
        progress.onRestoreEnd(SAGAS, "sagas", 1000);
        assertThat(progress.describe()).isEmpty();
    }
}
