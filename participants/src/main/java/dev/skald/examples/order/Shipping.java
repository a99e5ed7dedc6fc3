package dev.skald.examples.order;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code shipping} participant: shipments per order. {@code CreateShipment} books one (idempotent per order)
 * and returns its tracking number; {@code CancelShipment} cancels it.
 */
public final class Shipping {
    /** Ship an order's items to an address. */
    public record CreateShipment(String orderId, String sku, int quantity, String address) {
        public CreateShipment {
            Objects.requireNonNull(orderId, "orderId is required");
            Objects.requireNonNull(address, "address is required");
        }
    }

    /** Cancel an order's shipment (the compensation of {@link CreateShipment}). */
    public record CancelShipment(String orderId, String shipmentId) {
        public CancelShipment {
            Objects.requireNonNull(orderId, "orderId is required");
        }
    }

    /** A booked shipment. */
    public record Shipment(String shipmentId, String orderId, String trackingNumber, String address, boolean cancelled) {
    }

    private final Map<String, Shipment> shipments = new LinkedHashMap<>();

    /** Registers this service's handlers on a participant builder. */
    public Participant.Builder register(Participant.Builder participant, FailureInjection failures) {
        return participant
                .handle("CreateShipment", CreateShipment.class, (cmd, ctx) -> {
                    failures.apply(ctx);
                    return create(cmd);
                })
                .handle("CancelShipment", CancelShipment.class, (cmd, ctx) -> {
                    failures.apply(ctx);
                    return cancel(cmd);
                });
    }

    synchronized Reply create(CreateShipment cmd) {
        String id = "ship-" + cmd.orderId();
        Shipment shipment = shipments.computeIfAbsent(id, key -> new Shipment(key, cmd.orderId(),
                "TRK" + String.format("%08d", shipments.size() + 1), cmd.address(), false));
        return Reply.success(Map.of("shipmentId", shipment.shipmentId(), "trackingNumber",
                shipment.trackingNumber()));
    }

    synchronized Reply cancel(CancelShipment cmd) {
        String id = cmd.shipmentId() != null ? cmd.shipmentId() : "ship-" + cmd.orderId();
        Shipment shipment = shipments.get(id);
        if (shipment == null || shipment.cancelled()) {
            return Reply.success(Map.of("cancelled", false));
        }
        shipments.put(id, new Shipment(id, shipment.orderId(), shipment.trackingNumber(), shipment.address(), true));
        return Reply.success(Map.of("cancelled", true));
    }

    /** An order's shipment that is booked and not cancelled, if any. */
    public synchronized Optional<Shipment> activeShipment(String orderId) {
        Shipment shipment = shipments.get("ship-" + orderId);
        return shipment == null || shipment.cancelled() ? Optional.empty() : Optional.of(shipment);
    }
}
