package dev.skald.saga.machine;

import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import java.time.Duration;
import java.util.Map;

/** The order-fulfillment saga the tests share: reserve, charge, ship, notify. */
final class OrderSaga {
    static final Map<String, Object> INPUT = Map.of("orderId", "o-1", "sku", "A-1", "qty", 2, "total", 40);

    private OrderSaga() {
    }

    static Saga.Steps steps() {
        return Saga.named("order").version(1)
                .step("reserve").call("inventory", "ReserveStock")
                    .input(Map.of("sku", "${input.sku}", "qty", "${input.qty}"))
                    .retry(RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(10)))
                    .compensateWith("inventory", "ReleaseStock")
                        .input(Map.of("reservationId", "${reserve.output.reservationId}"))
                .step("charge").call("payment", "Charge")
                    .input(Map.of("amount", "${input.total}", "order", "${input.orderId}"))
                    .retry(RetryPolicy.fixed(2, Duration.ofSeconds(5)))
                    .responseTimeout(Duration.ofSeconds(30))
                    .compensateWith("payment", "Refund")
                        .input(Map.of("chargeId", "${charge.output.chargeId}"))
                        .retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))
                .step("ship").call("shipping", "CreateShipment")
                    .input(Map.of("order", "${input.orderId}"))
                    .compensateWith("shipping", "CancelShipment")
                .step("notify").call("notification", "Notify").optional()
                    .input(Map.of("text", "order ${input.orderId} shipped"));
    }

    static SagaDefinition definition() {
        return steps().build();
    }
}
