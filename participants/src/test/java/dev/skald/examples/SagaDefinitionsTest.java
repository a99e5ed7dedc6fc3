package dev.skald.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.examples.onboarding.OnboardingSaga;
import dev.skald.examples.onboarding.OnboardingServices;
import dev.skald.examples.order.OrderSaga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.testing.SagaScenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example sagas under the pure state machine. */
class SagaDefinitionsTest {
    private static final Map<String, Object> ORDER = Map.of("sku", "A-1", "quantity", 2, "amount", 19.90,
            "currency", "EUR", "address", "1 Fjord Road", "email", "ann@example.com");

    @Test
    void anOrderReservesChargesShipsAndNotifies() {
        SagaScenario.given(OrderSaga.definition())
                .started("o-1", ORDER)
                .expectCommand("inventory", "ReserveStock", Map.of("orderId", "o-1", "sku", "A-1", "quantity", 2))
                .when().step("reserve").succeeds(Map.of("reservationId", "res-o-1"))
                .expectCommand("payment", "Charge", Map.of("orderId", "o-1", "amount", 19.90, "currency", "EUR"))
                .when().step("charge").succeeds(Map.of("paymentId", "pay-1"))
                .expectCommand("shipping", "CreateShipment")
                .when().step("ship").succeeds(Map.of("shipmentId", "ship-o-1", "trackingNumber", "TRK1"))
                .expectCommand("notification", "SendConfirmation",
                        Map.of("orderId", "o-1", "email", "ann@example.com", "trackingNumber", "TRK1"))
                .when().step("notify").failsWith("mailbox full")
                .expectStatus(SagaStatus.COMPLETED)
                .expectOutput(Map.of("reservationId", "res-o-1", "paymentId", "pay-1", "trackingNumber", "TRK1"));
    }

    @Test
    void aRefusedShipmentRefundsThenReleasesInReverseOrder() {
        SagaScenario.given(OrderSaga.definition())
                .started("o-2", ORDER)
                .when().step("reserve").succeeds(Map.of("reservationId", "res-o-2"))
                .when().step("charge").succeeds(Map.of("paymentId", "pay-2"))
                .when().step("ship").failsWith("address refused")
                .expectCommand("payment", "Refund", Map.of("orderId", "o-2", "paymentId", "pay-2"))
                .when().compensationOf("charge").succeeds()
                .expectCommand("inventory", "ReleaseStock", Map.of("orderId", "o-2", "reservationId", "res-o-2"))
                .when().compensationOf("reserve").succeeds()
                .expectStatus(SagaStatus.COMPENSATED)
                .expectStep("ship", StepStatus.FAILED);
    }

    @Test
    void theOnboardingWorkflowCallsOneParticipantPerConductorTask() {
        SagaDefinition onboarding = OnboardingSaga.definition();

        assertThat(onboarding.name()).isEqualTo(OnboardingSaga.NAME);
        assertThat(onboarding.steps()).extracting(s -> ((StepKind.Task) s.kind()).participant())
                .containsExactly(OnboardingServices.CREATE_USER_ACCOUNT, OnboardingServices.SEND_VERIFICATION_EMAIL,
                        OnboardingServices.SETUP_NOTIFICATION_PREFERENCES);
        assertThat(onboarding.steps()).allSatisfy(s -> assertThat(((StepKind.Task) s.kind()).commandType())
                .isEqualTo(((StepKind.Task) s.kind()).participant()));
        SagaScenario.given(onboarding)
                .started("u-1", Map.of("email", "ann@example.com", "name", "Ann", "phone", "+47"))
                .expectCommand(OnboardingServices.CREATE_USER_ACCOUNT, OnboardingServices.CREATE_USER_ACCOUNT,
                        Map.of("email", "ann@example.com", "name", "Ann", "phone", "+47"))
                .when().step("create_user").succeeds(Map.of("user_id", "user-1", "email", "ann@example.com",
                        "verification_token", "tok"))
                .expectCommand(OnboardingServices.SEND_VERIFICATION_EMAIL, OnboardingServices.SEND_VERIFICATION_EMAIL,
                        Map.of("email", "ann@example.com", "verification_token", "tok"));
    }
}
