package dev.skald.saga.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.internal.Json;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.Decision;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaMachine;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.TimerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The in-memory dry run of Skald's main job: a batch of order sagas (reserve stock, charge, ship, notify) driven
 * through the real state machine by simulated participants with failure injection, on a virtual clock, without
 * Kafka. Prints a summary and checks that no rolled-back order kept a payment or stock.
 *
 * <p>Run by {@code ./skald demo [--sagas N] [--failure-rate R] [--seed S]}.
 */
public final class InMemoryOrderDemo {
    private record Timer(Instant due, String sagaId, TimerId id) {
    }

    private final SagaMachine machine = SagaMachine.of(definition());
    private final Random random;
    private final double failureRate;
    private final Map<String, SagaState> sagas = new HashMap<>();
    private final Deque<Command.ToParticipant> inbox = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.due().compareTo(b.due()));
    private final Map<String, Integer> stock = new HashMap<>();
    private final Map<String, Integer> charged = new HashMap<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private InMemoryOrderDemo(long seed, double failureRate) {
        this.random = new Random(seed);
        this.failureRate = failureRate;
    }

    static SagaDefinition definition() {
        return Saga.named("order").version(1)
                .step("reserve").call("inventory", "ReserveStock")
                    .input(Map.of("order", "${saga.id}", "qty", "${input.qty}"))
                    .compensateWith("inventory", "ReleaseStock").input(Map.of("order", "${saga.id}"))
                .step("charge").call("payment", "Charge")
                    .input(Map.of("order", "${saga.id}", "amount", "${input.amount}"))
                    .retry(RetryPolicy.exponential(3, Duration.ofMillis(200), Duration.ofSeconds(2)))
                    .compensateWith("payment", "Refund").input(Map.of("order", "${saga.id}"))
                .step("ship").call("shipping", "CreateShipment").input(Map.of("order", "${saga.id}"))
                .step("notify").call("notification", "Notify").optional()
                .build();
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        int count = Integer.parseInt(options.getOrDefault("--sagas", "1000"));
        double rate = Double.parseDouble(options.getOrDefault("--failure-rate", "0.1"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "42"));
        InMemoryOrderDemo demo = new InMemoryOrderDemo(seed, rate);
        long started = System.nanoTime();
        demo.run(count);
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean ok = demo.report(count, seconds);
        System.exit(ok ? 0 : 1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option like --sagas, got '" + args[i] + "'");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private void run(int count) {
        for (int i = 0; i < count; i++) {
            String id = "order-" + i;
            stock.put(id, 0);
            apply(id, new SagaInput.Start(id, Json.tree(Map.of("qty", 1 + random.nextInt(5),
                    "amount", 10 + random.nextInt(90))), null));
        }
        while (!inbox.isEmpty() || !timers.isEmpty()) {
            if (!inbox.isEmpty()) {
                handle(inbox.poll());
            } else {
                Timer timer = timers.poll();
                now = timer.due().isAfter(now) ? timer.due() : now;
                apply(timer.sagaId(), new SagaInput.TimerFired(timer.id()));
            }
        }
    }

    private void apply(String sagaId, SagaInput input) {
        Decision decision = machine.decide(sagas.get(sagaId), input, now);
        sagas.put(sagaId, decision.state());
        for (Command command : decision.commands()) {
            inbox.add((Command.ToParticipant) command);
        }
        decision.timers().stream().filter(t -> t instanceof dev.skald.saga.machine.TimerOp.Set)
                .map(t -> (dev.skald.saga.machine.TimerOp.Set) t)
                .forEach(t -> timers.add(new Timer(t.dueAt(), sagaId, t.id())));
    }

    /** The simulated participants: each keeps local state, so a compensation really undoes something. */
    private void handle(Command.ToParticipant command) {
        String order = command.payload().path("order").asText(command.sagaId());
        boolean fail = command.kind() == CommandKind.ACTION && random.nextDouble() < failureRate;
        SagaInput.ReplyOutcome outcome = fail ? (random.nextBoolean() ? SagaInput.ReplyOutcome.BUSINESS_FAILURE
                : SagaInput.ReplyOutcome.RETRIABLE_FAILURE) : SagaInput.ReplyOutcome.SUCCESS;
        if (!fail) {
            switch (command.commandType()) {
                case "ReserveStock" -> stock.merge(order, command.payload().path("qty").asInt(), Integer::sum);
                case "ReleaseStock" -> stock.put(order, 0);
                case "Charge" -> charged.put(order, command.payload().path("amount").asInt());
                case "Refund" -> charged.remove(order);
                default -> { }
            }
        }
        JsonNode output = fail ? null : Json.tree(Map.of("ok", true));
        apply(command.sagaId(), new SagaInput.Reply(command.stepId(), command.attempt(), command.kind(), outcome,
                output, fail ? "injected failure" : null));
    }

    private boolean report(int count, double seconds) {
        Map<SagaStatus, Integer> byStatus = new EnumMap<>(SagaStatus.class);
        sagas.values().forEach(s -> byStatus.merge(s.status(), 1, Integer::sum));
        long keptPayments = sagas.values().stream()
                .filter(s -> s.status() == SagaStatus.COMPENSATED && charged.containsKey(s.sagaId())).count();
        long keptStock = sagas.values().stream()
                .filter(s -> s.status() == SagaStatus.COMPENSATED && stock.get(s.sagaId()) != 0).count();
        System.out.printf("Skald in-memory dry run (state machine only, no Kafka): %d order sagas, failure rate %.0f%%%n",
                count, failureRate * 100);
        byStatus.forEach((status, n) -> System.out.printf("  %-20s %6d%n", status, n));
        System.out.printf("  %-20s %6.0f sagas/s (wall clock, one thread)%n", "throughput", count / seconds);
        boolean ok = keptPayments == 0 && keptStock == 0 && byStatus.getOrDefault(SagaStatus.RUNNING, 0) == 0;
        System.out.printf("Invariant check: payments kept by rolled-back orders: %d; stock kept by rolled-back orders:"
                + " %d; unfinished sagas: %d -> %s%n", keptPayments, keptStock,
                byStatus.getOrDefault(SagaStatus.RUNNING, 0), ok ? "OK" : "VIOLATED");
        return ok;
    }
}
