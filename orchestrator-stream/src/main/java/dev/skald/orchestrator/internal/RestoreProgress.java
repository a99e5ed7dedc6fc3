package dev.skald.orchestrator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the restore of the local stores from their changelogs has come: logged every {@link #LOG_EVERY} while it
 * runs, and told to the health probes, so a start-up that restores millions of records says so instead of looking hung.
 */
public final class RestoreProgress implements StateRestoreListener {
    /** How often a running restore is logged. */
    public static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

    private final Clock clock;
    private final Map<TopicPartition, long[]> running = new ConcurrentHashMap<>();
    private volatile Instant lastLogged = Instant.EPOCH;

    public RestoreProgress(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        running.put(partition, new long[] {0, Math.max(0, endOffset - startOffset)});
        LOG.debug("restoring {} from {} ({} records)", store, partition, endOffset - startOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
        long[] counts = running.get(partition);
        if (counts != null) {
            counts[0] += restored;
        }
        Instant now = clock.instant();
        if (Duration.between(lastLogged, now).compareTo(LOG_EVERY) >= 0) {
            lastLogged = now;
            describe().ifPresent(progress -> LOG.info("{}", progress));
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        running.remove(partition);
        LOG.debug("restored {} from {} ({} records)", store, partition, totalRestored);
        if (running.isEmpty() && totalRestored > 0) {
            LOG.info("restored the stores of the partitions assigned so far");
        }
    }

    /** {@code restoring 1200 of 5000 records of 3 changelog partitions}, while a restore runs. */
    public Optional<String> describe() {
        if (running.isEmpty()) {
            return Optional.empty();
        }
        long done = 0;
        long total = 0;
        int partitions = 0;
        for (long[] counts : running.values()) {
            done += counts[0];
            total += counts[1];
            partitions++;
        }
        return Optional.of("restoring " + done + " of " + total + " records of " + partitions
                + " changelog partition" + (partitions == 1 ? "" : "s"));
    }
}
