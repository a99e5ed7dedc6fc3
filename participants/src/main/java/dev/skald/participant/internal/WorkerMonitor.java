package dev.skald.participant.internal;

import dev.skald.participant.WorkerHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** What a worker says about itself: written by the worker's thread only, read by health checks from any thread. */
final class WorkerMonitor {
    private final int worker;
    private final Clock clock;
    private volatile boolean joined;
    private volatile boolean stopped;
    private volatile int failuresInARow;
    private volatile int restarts;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    WorkerMonitor(int worker, Clock clock) {
        this.worker = worker;
        this.clock = clock;
    }

    /** The consumer got its (possibly empty) first assignment. */
    void joined() {
        joined = true;
    }

    /** A turn ended with nothing left to redo. */
    void succeeded() {
        failuresInARow = 0;
    }

    void failed(Throwable cause) {
        failuresInARow++;
        lastError = cause.toString();
        lastErrorAt = clock.instant();
    }

    /** The consumer and producer were replaced; the new consumer joins the group again. */
    void restarted() {
        restarts++;
        joined = false;
    }

    void stopped() {
        stopped = true;
    }

    int failuresInARow() {
        return failuresInARow;
    }

    WorkerHealth health(Set<Integer> partitions) {
        return new WorkerHealth(worker, state(), partitions, failuresInARow, restarts, lastError, lastErrorAt);
    }

    private WorkerHealth.State state() {
        if (stopped) {
            return WorkerHealth.State.STOPPED;
        }
        if (failuresInARow > 0) {
            return WorkerHealth.State.RECOVERING;
        }
        return joined ? WorkerHealth.State.RUNNING : WorkerHealth.State.STARTING;
    }
}
