package dev.skald.examples.order;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code notification} participant: an outbox of confirmation messages, one per order (idempotent by order).
 * The saga's notify step is optional: when it fails, the order still completes.
 */
public final class Notifications {
    /** Tell the customer their order ships. */
    public record SendConfirmation(String orderId, String email, String trackingNumber) {
        public SendConfirmation {
            Objects.requireNonNull(orderId, "orderId is required");
        }
    }

    /** A message in the outbox. */
    public record Message(String messageId, String orderId, String to, String text) {
    }

    private final Map<String, Message> outbox = new LinkedHashMap<>();

    /** Registers this service's handler on a participant builder. */
    public Participant.Builder register(Participant.Builder participant, FailureInjection failures) {
        return participant.handle("SendConfirmation", SendConfirmation.class, (cmd, ctx) -> {
            failures.apply(ctx);
            return send(cmd);
        });
    }

    synchronized Reply send(SendConfirmation cmd) {
        Message message = outbox.computeIfAbsent(cmd.orderId(), order -> new Message("msg-" + (outbox.size() + 1),
                order, cmd.email(), "Your order " + order + " ships with tracking number " + cmd.trackingNumber()));
        return Reply.success(Map.of("messageId", message.messageId()));
    }

    /** The confirmation sent for an order, if any. */
    public synchronized Optional<Message> sentFor(String orderId) {
        return Optional.ofNullable(outbox.get(orderId));
    }
}
