package dev.skald.conductor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's poll: finds pollable tasks of its type in the bridge's stores, asks the bridge to lease them (one lease
 * request each, all carrying this poll's id), waits until the bridge has decided, and returns the tasks it won. Other
 * polls may ask for the same tasks at the same time: the bridge grants each task to the first request it processes,
 * so no two polls get the same task. A long poll looks again until its timeout while it has won nothing.
 */
final class Poller {
    /** How long a lease request stays valid: the poll waits that long (and {@link #GRACE}) for the decisions. */
    static final Duration LEASE_WINDOW = Duration.ofSeconds(3);
    /** Beyond the window: the bridge refuses an expired request, the poll reads the outcome after this margin. */
    static final Duration GRACE = Duration.ofMillis(250);
    /** How often a waiting poll looks again without being woken. */
    static final Duration TICK = Duration.ofMillis(50);
    /** Candidates looked at per task wanted, so that concurrent polls spread over the queue. */
    private static final int SPREAD = 4;

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final BridgeReads reads;
    private final BridgeRequests requests;
    private final Changes changes;

    Poller(BridgeReads reads, BridgeRequests requests, Changes changes) {
        this.reads = reads;
        this.requests = requests;
        this.changes = changes;
    }

    /** Up to {@code count} tasks of this type leased to this worker; waits up to {@code timeout} for one. */
    List<BridgeTask> poll(String taskType, String workerId, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<BridgeTask> won = tryLeaseWhileReady(taskType, workerId, count);
            Duration left = Duration.between(Instant.now(), deadline);
            if (!won.isEmpty() || left.isNegative() || left.isZero()) {
                return won;
            }
            changes.await(taskType, left.compareTo(TICK) < 0 ? left : TICK);
        }
    }

    /** Leases what it can; while the bridge's stores move (a rebalance) nothing is pollable, so it waits. */
    private List<BridgeTask> tryLeaseWhileReady(String taskType, String workerId, int count)
            throws InterruptedException {
        try {
            return tryLease(taskType, workerId, count);
        } catch (BridgeUnavailableException e) {
            LOG.debug("poll of {} waits: {}", taskType, e.getMessage());
            return List.of();
        }
    }

    private List<BridgeTask> tryLease(String taskType, String workerId, int count) throws InterruptedException {
        Instant now = Instant.now();
        List<String> candidates = new ArrayList<>(reads.pollable(taskType, now, count * SPREAD));
        Collections.shuffle(candidates);
        List<BridgeTask> wanted = candidates.stream().limit(count).map(reads::task).flatMap(Optional::stream)
                .filter(task -> task.pollable(now)).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        String pollId = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(LEASE_WINDOW);
        requests.lease(wanted, task -> new LeaseRequest(pollId, task.taskId(), workerId, expiresAt));
        return awaitDecisions(taskType, wanted, pollId, expiresAt.plus(GRACE));
    }

    /**
     * Waits until no task asked for is pollable any more (each lease request was granted or lost), or until the
     * requests have expired, and returns the tasks won. A task granted while the stores could not be read is not
     * returned: its lease ends with its response timeout (docs/conductor.md (Workers that poll)).
     */
    private List<BridgeTask> awaitDecisions(String taskType, List<BridgeTask> wanted, String pollId,
                                            Instant giveUpAt)
            throws InterruptedException {
        while (true) {
            Instant now = Instant.now();
            Optional<List<BridgeTask>> current = current(wanted);
            boolean decided = current.isPresent() && current.get().stream().noneMatch(task -> task.pollable(now));
            if (decided || now.isAfter(giveUpAt)) {
                return current.orElse(List.of()).stream().filter(task -> task.status() == TaskStatus.IN_PROGRESS
                        && pollId.equals(task.pollId())).toList();
            }
            changes.await(taskType, TICK);
        }
    }

    /** The tasks as they are now; empty while the stores cannot be read. */
    private Optional<List<BridgeTask>> current(List<BridgeTask> wanted) {
        try {
            return Optional.of(wanted.stream().map(task -> reads.task(task.taskId())).flatMap(Optional::stream)
                    .toList());
        } catch (BridgeUnavailableException e) {
            LOG.debug("lease decisions wait: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
