package dev.skald.participant.conformance;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conformance handlers on the Java SDK (the Python example registers the same): {@code Echo} answers its payload,
 * {@code Refuse} a business failure, {@code Flaky} a retriable one, {@code Count} {@code {"runs": N}}, the times its
 * handler ran for that command id.
 */
final class ConformanceHandlers {
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final FailureInjection drill;

    ConformanceHandlers(FailureInjection drill) {
        this.drill = drill;
    }

    Participant.Builder register(Participant.Builder participant) {
        return participant
                .handle("Echo", Object.class, (payload, ctx) -> {
                    drill.apply(ctx);
                    return Reply.success(payload);
                })
                .handle("Refuse", Map.class, (payload, ctx) -> {
                    drill.apply(ctx);
                    throw new BusinessFailureException("refused: " + payload.getOrDefault("reason", "no reason"));
                })
                .handle("Flaky", Map.class, (payload, ctx) -> {
                    drill.apply(ctx);
                    throw new IOException("flaky at attempt " + ctx.attempt());
                })
                .handle("Count", Map.class, (payload, ctx) -> {
                    drill.apply(ctx);
                    int n = runs.computeIfAbsent(ctx.commandId(), id -> new AtomicInteger()).incrementAndGet();
                    return Reply.success(Map.of("runs", n));
                });
    }
}
