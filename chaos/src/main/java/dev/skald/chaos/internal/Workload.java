package dev.skald.chaos.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the run's order sagas over REST at a steady rate, on whichever orchestrator answers (a start names its saga
 * id, so sending it again after a lost answer starts nothing twice), and sends the cancels, pauses and resumes the
 * orders were drawn with.
 */
public final class Workload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workload.class);
    /** How long a request is sent again to one instance or another before the run gives it up. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final int SENDERS = 4;

    private final List<OrchestratorNode> orchestrators;
    private final Rest rest;
    private final String definition;
    private final long seed;
    private final ScheduledExecutorService controls = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "chaos-controls");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();

    public Workload(List<OrchestratorNode> orchestrators, Rest rest, String definition, long seed) {
        this.orchestrators = List.copyOf(orchestrators);
        this.rest = rest;
        this.definition = definition;
        this.seed = seed;
    }

    /**
     * Starts these orders, {@code perSecond} a second (from {@value #SENDERS} threads, so that a request stuck on a
     * frozen instance holds back no other), and schedules their controls; returns once all were sent.
     */
    public void start(List<Order> orders, int perSecond) {
        java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            pace(orders, perSecond, senders);
        } finally {
            senders.shutdown();
            awaitTermination(senders);
        }
    }

    private static void awaitTermination(java.util.concurrent.ExecutorService senders) {
        try {
            if (!senders.awaitTermination(GIVE_UP_AFTER.toMinutes() + 1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the starts were not all sent within " + GIVE_UP_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the starts", e);
        }
    }

    private void pace(List<Order> orders, int perSecond, java.util.concurrent.ExecutorService senders) {
        long begin = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (int i = 0; i < orders.size(); i++) {
            long due = begin + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Pause.millis(TimeUnit.NANOSECONDS.toMillis(wait));
            }
            Order order = orders.get(i);
            Map<String, Object> body = Map.of("definition", definition, "sagaId", order.sagaId(),
                    "input", order.input());
            senders.execute(() -> {
                if (send(order.sagaId(), "/sagas", body, "start")) {
                    schedule(order);
                }
            });
        }
    }

    /** How many controls are still to be sent. */
    public int pendingControls() {
        return pending.get();
    }

    /** The requests given up, by saga id: what could not be sent. */
    public Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    private void schedule(Order order) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ order.sagaId().hashCode());
        long after = 200 + random.nextInt(2_000);
        switch (order.control()) {
            case CANCEL -> later(after, () -> send(order.sagaId(), "/sagas/" + order.sagaId() + "/cancel",
                    Map.of("reason", "chaos"), "cancel"));
            case PAUSE -> later(after, () -> {
                if (send(order.sagaId(), "/sagas/" + order.sagaId() + "/pause", Map.of("reason", "chaos"), "pause")) {
                    later(1_000 + random.nextInt(3_000), () -> send(order.sagaId(),
                            "/sagas/" + order.sagaId() + "/resume", Map.of("reason", "chaos"), "resume"));
                }
            });
            case NONE -> { }
        }
    }

    private synchronized void later(long millis, Runnable action) {
        pending.incrementAndGet();
        controls.schedule(() -> {
            try {
                action.run();
            } finally {
                pending.decrementAndGet();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a request to one orchestrator after another until one accepts it (a 503 or a refused connection while an
     * instance is down, a 404 when a control arrives before its saga's start was applied), or gives it up after
     * {@link #GIVE_UP_AFTER}; another 4xx is final.
     */
    private boolean send(String sagaId, String path, Object body, String what) {
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        Rest.Response last = null;
        for (int attempt = 0; Instant.now().isBefore(deadline); attempt++) {
            OrchestratorNode target = orchestrators.get(Math.floorMod(next.getAndIncrement(), orchestrators.size()));
            last = rest.post(target.url(), path, body);
            if (last.ok()) {
                return true;
            }
            if (last.status() >= 400 && last.status() < 500 && last.status() != 404) {
                break;
            }
            if (attempt % orchestrators.size() == orchestrators.size() - 1) {
                Pause.millis(250);
            }
        }
        String reason = what + " not accepted (given up after at most " + GIVE_UP_AFTER + "): "
                + Optional.ofNullable(last).map(r -> r.status() + " " + r.body()).orElse("not sent");
        LOG.warn("saga {}: {}", sagaId, reason);
        failures.merge(sagaId, reason, (a, b) -> a + "; " + b);
        return false;
    }

    @Override
    public void close() {
        controls.shutdownNow();
    }
}
