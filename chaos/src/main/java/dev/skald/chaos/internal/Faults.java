package dev.skald.chaos.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeded fault schedule: every {@code every}, one fault at a time (so that a quorum of brokers and one instance of
 * each kind always remains), drawn from the seed:
 * <ul>
 *   <li>SIGKILL of an orchestrator (a third of them with its state directory emptied) or of a service instance, then
 *       its restart;</li>
 *   <li>SIGSTOP of an orchestrator or service instance for {@code freezeFor} (longer than the session timeout, so its
 *       group rebalances it away), then SIGCONT;</li>
 *   <li>SIGKILL of a broker, then its restart a few seconds later (only with three brokers or more).</li>
 * </ul>
 */
public final class Faults implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);
    private static final Duration BROKER_DOWN_FOR = Duration.ofSeconds(3);

    private final List<OrchestratorNode> orchestrators;
    private final List<ServiceNode> services;
    private final List<Node> brokers;
    private final Random random;
    private final Duration every;
    private final Duration freezeFor;
    private final List<Fault> done = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final long begin = System.nanoTime();
    private volatile RuntimeException failure;

    public Faults(List<OrchestratorNode> orchestrators, List<ServiceNode> services, List<Node> brokers, long seed,
                  Duration every, Duration freezeFor) {
        this.orchestrators = List.copyOf(orchestrators);
        this.services = List.copyOf(services);
        this.brokers = List.copyOf(brokers);
        this.random = new Random(seed);
        this.every = every;
        this.freezeFor = freezeFor;
        this.thread = new Thread(this::strike, "chaos-faults");
        thread.setDaemon(true);
    }

    /** Starts striking. */
    public void start() {
        thread.start();
    }

    /** The faults struck so far. */
    public synchronized List<Fault> done() {
        return List.copyOf(done);
    }

    private void strike() {
        try {
            while (running.get()) {
                Pause.millis(every.toMillis());
                if (running.get()) {
                    record(next());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("the fault schedule failed", e);
            failure = e;
        }
    }

    private Fault next() {
        double roll = random.nextDouble();
        if (roll < 0.15 && brokers.size() >= 3) {
            return killBroker(brokers.get(random.nextInt(brokers.size())));
        }
        List<Node> targets = new ArrayList<>(orchestrators);
        targets.addAll(services);
        Node target = targets.get(random.nextInt(targets.size()));
        if (roll < 0.30) {
            return freeze(target);
        }
        return kill(target, target instanceof OrchestratorNode && random.nextInt(3) == 0);
    }

    private Fault kill(Node target, boolean wipe) {
        long at = now();
        LOG.info("SIGKILL {}{}", target.name(), wipe ? " (state directory emptied)" : "");
        target.kill();
        target.restart(wipe);
        return new Fault(at, wipe ? "kill+wipe" : "kill", target.name(), now() - at);
    }

    private Fault freeze(Node target) {
        long at = now();
        LOG.info("SIGSTOP {} for {}", target.name(), freezeFor);
        target.freeze();
        Pause.millis(freezeFor.toMillis());
        target.thaw();
        long thawed = now();
        if (target instanceof OrchestratorNode orchestrator) {
            orchestrator.awaitReady();
        }
        return new Fault(at, "freeze", target.name(), now() - thawed);
    }

    private Fault killBroker(Node broker) {
        long at = now();
        LOG.info("SIGKILL {}", broker.name());
        broker.kill();
        Pause.millis(BROKER_DOWN_FOR.toMillis());
        broker.restart(false);
        return new Fault(at, "broker-kill", broker.name(), now() - at);
    }

    private synchronized void record(Fault fault) {
        LOG.info("{} of {} recovered in {} ms", fault.kind(), fault.target(), fault.recoveryMillis());
        done.add(fault);
    }

    private long now() {
        return Duration.ofNanos(System.nanoTime() - begin).toMillis();
    }

    /** Stops striking after the fault under way, and waits for it; rethrows a failure of the schedule. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofMinutes(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("the fault schedule failed: " + failure.getMessage(), failure);
        }
    }
}
