package dev.skald.examples.order;

import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import java.time.Duration;
import java.util.Map;

/**
 * The order fulfillment saga: reserve stock, charge, ship, notify. A failure before shipping completes rolls back
 * what completed (refund, release stock) in reverse order; notification is optional.
 *
 * <p>Input: {@code {"sku": "A-1", "quantity": 2, "amount": 49.90, "currency": "EUR", "address": "...",
 * "email": "..."}}; the saga id is the order id.
 */
public final class OrderSaga {
    /** The definition's name. */
    public static final String NAME = "order-fulfillment";

    private static final RetryPolicy QUICK_RETRY =
            RetryPolicy.exponential(4, Duration.ofMillis(100), Duration.ofSeconds(1));

    private OrderSaga() {
    }

    /** Version 1 of the order saga. */
    public static SagaDefinition definition() {
        return steps(Saga.named(NAME).version(1), null, null).build();
    }

    /**
     * The order saga under another name with a durable wait of {@code coolOff} between charging and shipping, and a
     * response timeout of {@code notifyTimeout} on each notification attempt: what the chaos run drives, so that its
     * sagas hold timers and see late replies across crashes.
     */
    public static SagaDefinition withCoolOff(String name, Duration coolOff, Duration notifyTimeout) {
        return steps(Saga.named(name).version(1), coolOff, notifyTimeout).build();
    }

    private static Saga.Steps steps(Saga.First first, Duration coolOff, Duration notifyTimeout) {
        Saga.Steps charged = first
                .step("reserve").call("inventory", "ReserveStock")
                    .input(Map.of("orderId", "${saga.id}", "sku", "${input.sku}", "quantity", "${input.quantity}"))
                    .retry(QUICK_RETRY)
                    .compensateWith("inventory", "ReleaseStock")
                        .input(Map.of("orderId", "${saga.id}", "reservationId", "${reserve.output.reservationId}"))
                        .retry(QUICK_RETRY)
                .step("charge").call("payment", "Charge")
                    .input(Map.of("orderId", "${saga.id}", "amount", "${input.amount}",
                            "currency", "${input.currency}"))
                    .retry(QUICK_RETRY)
                    .compensateWith("payment", "Refund")
                        .input(Map.of("orderId", "${saga.id}", "paymentId", "${charge.output.paymentId}"))
                        .retry(QUICK_RETRY);
        Saga.Steps ready = coolOff == null ? charged : charged.step("cool-off").waitFor(coolOff);
        Saga.TaskOptions notify = ready
                .step("ship").call("shipping", "CreateShipment")
                    .input(Map.of("orderId", "${saga.id}", "sku", "${input.sku}", "quantity", "${input.quantity}",
                            "address", "${input.address}"))
                    .retry(QUICK_RETRY)
                    .compensateWith("shipping", "CancelShipment")
                        .input(Map.of("orderId", "${saga.id}", "shipmentId", "${ship.output.shipmentId}"))
                        .retry(QUICK_RETRY)
                .step("notify").call("notification", "SendConfirmation")
                    .input(Map.of("orderId", "${saga.id}", "email", "${input.email}",
                            "trackingNumber", "${ship.output.trackingNumber}"))
                    .retry(QUICK_RETRY);
        return (notifyTimeout == null ? notify : notify.responseTimeout(notifyTimeout)).optional()
                .output(Map.of("reservationId", "${reserve.output.reservationId}",
                        "paymentId", "${charge.output.paymentId}", "trackingNumber", "${ship.output.trackingNumber}"));
    }
}
