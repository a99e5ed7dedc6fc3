package dev.skald.examples.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import dev.skald.saga.machine.CommandKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example services' state, without Kafka: what their handlers do and undo. */
class OrderServicesTest {

    private static CommandContext context(String commandId, String sagaId) {
        return new CommandContext(commandId, sagaId, "s", 1, CommandKind.ACTION, "svc", "T", Instant.EPOCH);
    }

    @Test
    void releasingAReservationPutsTheStockBack() {
        Inventory inventory = new Inventory(Map.of("A-1", 10));

        Reply reserved = inventory.reserve(new Inventory.ReserveStock("o-1", "A-1", 4), context("c1", "o-1"));
        inventory.reserve(new Inventory.ReserveStock("o-1", "A-1", 4), context("c2", "o-1"));

        assertThat(reserved).isEqualTo(Reply.success(Map.of("reservationId", "res-o-1", "sku", "A-1", "quantity", 4)));
        assertThat(inventory.available("A-1")).isEqualTo(6);
        assertThat(inventory.reserved("A-1")).isEqualTo(4);

        inventory.release(new Inventory.ReleaseStock("o-1", "res-o-1"));
        inventory.release(new Inventory.ReleaseStock("o-1", "res-o-1"));

        assertThat(inventory.available("A-1")).isEqualTo(10);
        assertThat(inventory.reservationOf("o-1")).isEmpty();
    }

    @Test
    void notEnoughStockIsABusinessFailure() {
        Inventory inventory = new Inventory(Map.of("A-1", 1));

        Reply reply = inventory.reserve(new Inventory.ReserveStock("o-1", "A-1", 2), context("c1", "o-1"));

        assertThat(reply).isEqualTo(Reply.failure("out of stock: 2 x A-1 wanted, 1 available"));
        assertThat(inventory.available("A-1")).isEqualTo(1);
    }

    @Test
    void aChargeIsMadeOncePerCommandIdAndARefundUndoesIt() {
        Payments payments = new Payments();
        Payments.Charge charge = new Payments.Charge("o-1", new BigDecimal("19.90"), null);

        Reply first = payments.charge(charge, context("o-1:charge:1:action", "o-1"));
        Reply again = payments.charge(charge, context("o-1:charge:1:action", "o-1"));

        assertThat(again).isEqualTo(first);
        assertThat(payments.charges("o-1")).isEqualTo(1);
        assertThat(payments.keptPayment("o-1")).get().extracting(Payments.Payment::amount)
                .isEqualTo(new BigDecimal("19.90"));

        payments.refund(new Payments.Refund("o-1", null));

        assertThat(payments.keptPayment("o-1")).isEmpty();
    }

    @Test
    void everyServiceRegistersItsActionAndCompensation() {
        Participant.Builder builder = Participant.named("inventory");

        new Inventory(Map.of()).register(builder, FailureInjection.none());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.handle("ReleaseStock", Map.class,
                (cmd, ctx) -> Reply.success())).hasMessageContaining("already has a handler");
    }
}
