package dev.skald.examples.order;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The four participants of the {@link OrderSaga}, each with its state, started together (one participant each,
 * sharing a configuration and a failure injection).
 *
 * <pre>{@code
 * try (OrderServices services = OrderServices.start(config, FailureInjection.none(), Map.of("A-1", 100),
 *         OrderServices.ALL)) {
 *     ...
 *     List<String> violations = services.invariantViolations(statusByOrderId);
 * }
 * }</pre>
 */
public final class OrderServices implements AutoCloseable {
    /** Every service of the order saga. */
    public static final Set<String> ALL = Set.of("inventory", "payment", "shipping", "notification");

    private final Inventory inventory;
    private final Payments payments = new Payments();
    private final Shipping shipping = new Shipping();
    private final Notifications notifications = new Notifications();
    private final List<Participant> participants = new ArrayList<>();

    private OrderServices(Map<String, Integer> stock) {
        this.inventory = new Inventory(stock);
    }

    /**
     * Starts the named services ({@link #ALL} or a subset).
     *
     * @param stock the units of each SKU the inventory starts with
     */
    public static OrderServices start(ParticipantConfig config, FailureInjection failures, Map<String, Integer> stock,
                                      Set<String> services) {
        OrderServices s = new OrderServices(stock);
        try {
            if (services.contains("inventory")) {
                s.participants.add(s.inventory.register(Participant.named("inventory").config(config), failures)
                        .start());
            }
            if (services.contains("payment")) {
                s.participants.add(s.payments.register(Participant.named("payment").config(config), failures)
                        .start());
            }
            if (services.contains("shipping")) {
                s.participants.add(s.shipping.register(Participant.named("shipping").config(config), failures)
                        .start());
            }
            if (services.contains("notification")) {
                s.participants.add(s.notifications.register(Participant.named("notification").config(config),
                        failures).start());
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Payments payments() {
        return payments;
    }

    public Shipping shipping() {
        return shipping;
    }

    public Notifications notifications() {
        return notifications;
    }

    /** The running participants. */
    public List<Participant> participants() {
        return List.copyOf(participants);
    }

    /**
     * What breaks the saga's promise, given each order's final saga status: a rolled-back order
     * ({@code COMPENSATED}) keeps no payment, no reservation and no shipment; a completed one keeps all three; and
     * for every SKU, available plus reserved units equal the starting stock. Empty when all holds.
     */
    public List<String> invariantViolations(Map<String, String> statusByOrder) {
        List<String> violations = new ArrayList<>();
        statusByOrder.forEach((order, status) -> {
            boolean paid = payments.keptPayment(order).isPresent();
            boolean reserved = inventory.reservationOf(order).isPresent();
            boolean shipped = shipping.activeShipment(order).isPresent();
            if (status.equals("COMPENSATED") && (paid || reserved || shipped)) {
                violations.add(order + " was rolled back but keeps" + (paid ? " a payment" : "")
                        + (reserved ? " a stock reservation" : "") + (shipped ? " a shipment" : ""));
            }
            if (status.equals("COMPLETED") && !(paid && reserved && shipped)) {
                violations.add(order + " completed without" + (paid ? "" : " a payment")
                        + (reserved ? "" : " a stock reservation") + (shipped ? "" : " a shipment"));
            }
            if (payments.charges(order) > 1) {
                violations.add(order + " was charged " + payments.charges(order) + " times");
            }
        });
        inventory.initialStock().forEach((sku, initial) -> {
            int total = inventory.available(sku) + inventory.reserved(sku);
            if (total != initial) {
                violations.add("stock of " + sku + " is " + total + " (available + reserved), started at " + initial);
            }
        });
        return violations;
    }

    /** Stops every participant (each finishes its batch in flight). */
    @Override
    public void close() {
        for (int i = participants.size() - 1; i >= 0; i--) {
            participants.get(i).close();
        }
    }
}
