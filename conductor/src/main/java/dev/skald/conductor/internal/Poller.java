package dev.skald.conductor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
            List<BridgeTask> won = tryLease(taskType, workerId, count);
            Duration left = Duration.between(Instant.now(), deadline);
            if (!won.isEmpty() || left.isNegative() || left.isZero()) {
                return won;
            }
            changes.await(left.compareTo(TICK) < 0 ? left : TICK);
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
        return awaitDecisions(wanted, pollId, expiresAt.plus(GRACE));
    }

    private List<BridgeTask> awaitDecisions(List<BridgeTask> wanted, String pollId, Instant giveUpAt)
            throws InterruptedException {
        while (true) {
            Instant now = Instant.now();
            List<BridgeTask> current = wanted.stream().map(task -> reads.task(task.taskId()))
                    .flatMap(Optional::stream).toList();
            boolean decided = current.stream().noneMatch(task -> task.pollable(now));
            if (decided || now.isAfter(giveUpAt)) {
                return current.stream().filter(task -> task.status() == TaskStatus.IN_PROGRESS
                        && pollId.equals(task.pollId())).toList();
            }
            changes.await(TICK);
        }
    }
}
