package dev.skald.examples.order;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code inventory} participant: stock per SKU, reserved per order. {@code ReserveStock} takes stock out of the
 * available count into a reservation (a business failure if there is not enough); {@code ReleaseStock} puts it
 * back. Both are idempotent per order, so a retried attempt does not reserve twice.
 */
public final class Inventory {
    /** Reserve {@code quantity} of {@code sku} for an order. */
    public record ReserveStock(String orderId, String sku, int quantity) {
        public ReserveStock {
            Objects.requireNonNull(orderId, "orderId is required");
            Objects.requireNonNull(sku, "sku is required");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
            }
        }
    }

    /** Release an order's reservation (the compensation of {@link ReserveStock}). */
    public record ReleaseStock(String orderId, String reservationId) {
        public ReleaseStock {
            Objects.requireNonNull(orderId, "orderId is required");
        }
    }

    /** Stock set aside for an order. */
    public record Reservation(String reservationId, String orderId, String sku, int quantity) {
    }

    private final Map<String, Integer> initial;
    private final Map<String, Integer> available;
    private final Map<String, Reservation> reservations = new HashMap<>();

    /** An inventory holding this much of each SKU; other SKUs are out of stock. */
    public Inventory(Map<String, Integer> stock) {
        this.initial = Map.copyOf(stock);
        this.available = new HashMap<>(stock);
    }

    /** Registers this service's handlers on a participant builder. */
    public Participant.Builder register(Participant.Builder participant, FailureInjection failures) {
        return participant
                .handle("ReserveStock", ReserveStock.class, (cmd, ctx) -> {
                    failures.apply(ctx);
                    return reserve(cmd, ctx);
                })
                .handle("ReleaseStock", ReleaseStock.class, (cmd, ctx) -> {
                    failures.apply(ctx);
                    return release(cmd);
                });
    }

    synchronized Reply reserve(ReserveStock cmd, CommandContext ctx) {
        String id = "res-" + cmd.orderId();
        Reservation existing = reservations.get(id);
        if (existing == null) {
            int left = available.getOrDefault(cmd.sku(), 0);
            if (left < cmd.quantity()) {
                return Reply.failure("out of stock: " + cmd.quantity() + " x " + cmd.sku() + " wanted, " + left
                        + " available");
            }
            available.put(cmd.sku(), left - cmd.quantity());
            existing = new Reservation(id, cmd.orderId(), cmd.sku(), cmd.quantity());
            reservations.put(id, existing);
        }
        return Reply.success(Map.of("reservationId", existing.reservationId(), "sku", existing.sku(),
                "quantity", existing.quantity()));
    }

    synchronized Reply release(ReleaseStock cmd) {
        String id = cmd.reservationId() != null ? cmd.reservationId() : "res-" + cmd.orderId();
        Reservation reservation = reservations.remove(id);
        if (reservation == null) {
            return Reply.success(Map.of("released", 0));
        }
        available.merge(reservation.sku(), reservation.quantity(), Integer::sum);
        return Reply.success(Map.of("released", reservation.quantity()));
    }

    /** Units of a SKU not reserved. */
    public synchronized int available(String sku) {
        return available.getOrDefault(sku, 0);
    }

    /** Units of a SKU reserved by orders. */
    public synchronized int reserved(String sku) {
        return reservations.values().stream().filter(r -> r.sku().equals(sku)).mapToInt(Reservation::quantity).sum();
    }

    /** An order's reservation, if it holds one. */
    public synchronized Optional<Reservation> reservationOf(String orderId) {
        return Optional.ofNullable(reservations.get("res-" + orderId));
    }

    /** The stock each SKU started with. */
    public Map<String, Integer> initialStock() {
        return initial;
    }
}
