package dev.skald.examples.order;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code payment} participant: a ledger of charges. {@code Charge} records a charge for an order, keyed by the
 * command id (the idempotency key: a handler that runs again for the same command finds its charge and does not
 * charge twice); {@code Refund} marks an order's charge refunded. Amounts are decimals.
 */
public final class Payments {
    /** Charge an order. */
    public record Charge(String orderId, BigDecimal amount, String currency) {
        public Charge {
            Objects.requireNonNull(orderId, "orderId is required");
            if (amount == null || amount.signum() <= 0) {
                throw new IllegalArgumentException("amount must be positive, was " + amount);
            }
            currency = currency == null ? "EUR" : currency;
        }
    }

    /** Refund an order's charge (the compensation of {@link Charge}). */
    public record Refund(String orderId, String paymentId) {
        public Refund {
            Objects.requireNonNull(orderId, "orderId is required");
        }
    }

    /** A charge, refunded or not. */
    public record Payment(String paymentId, String orderId, BigDecimal amount, String currency, boolean refunded) {
    }

    private final Map<String, Payment> payments = new LinkedHashMap<>();
    private final Map<String, String> byCommand = new HashMap<>();

    /** Registers this service's handlers on a participant builder. */
    public Participant.Builder register(Participant.Builder participant, FailureInjection failures) {
        return participant
                .handle("Charge", Charge.class, (cmd, ctx) -> {
                    failures.apply(ctx);
                    return charge(cmd, ctx);
                })
                .handle("Refund", Refund.class, (cmd, ctx) -> {
                    failures.apply(ctx);
                    return refund(cmd);
                });
    }

    synchronized Reply charge(Charge cmd, CommandContext ctx) {
        String paymentId = byCommand.computeIfAbsent(ctx.idempotencyKey(), key -> {
            String id = "pay-" + (payments.size() + 1) + "-" + cmd.orderId();
            payments.put(id, new Payment(id, cmd.orderId(), cmd.amount(), cmd.currency(), false));
            return id;
        });
        Payment payment = payments.get(paymentId);
        return Reply.success(Map.of("paymentId", paymentId, "amount", payment.amount(), "currency",
                payment.currency()));
    }

    synchronized Reply refund(Refund cmd) {
        List<Payment> toRefund = payments.values().stream()
                .filter(p -> !p.refunded() && (cmd.paymentId() != null ? p.paymentId().equals(cmd.paymentId())
                        : p.orderId().equals(cmd.orderId())))
                .toList();
        toRefund.forEach(p -> payments.put(p.paymentId(),
                new Payment(p.paymentId(), p.orderId(), p.amount(), p.currency(), true)));
        return Reply.success(Map.of("refunded", toRefund.size()));
    }

    /** The charge an order keeps (charged and not refunded), if any. */
    public synchronized Optional<Payment> keptPayment(String orderId) {
        return payments.values().stream().filter(p -> p.orderId().equals(orderId) && !p.refunded()).findFirst();
    }

    /** Charges made for an order, refunded or not. */
    public synchronized long charges(String orderId) {
        return payments.values().stream().filter(p -> p.orderId().equals(orderId)).count();
    }
}
