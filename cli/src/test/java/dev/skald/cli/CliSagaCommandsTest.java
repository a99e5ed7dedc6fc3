package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saga commands against a fake API: the requests they send and what they print. */
class CliSagaCommandsTest extends CliAgainstFakeApi {
    private static final String SAGA = """
            {"sagaId": "order-1", "definition": "order", "version": 2, "status": "COMPLETED",
             "input": {"sku": "A-1"}, "output": {"reservation": "r-1"}, "error": null, "correlationKey": null,
             "parent": null, "createdAt": "2026-11-26T22:25:52.211Z", "updatedAt": "2026-11-26T22:25:54.828Z",
             "steps": [{"id": "reserve", "status": "COMPLETED", "attempts": 1, "output": {"reservationId": "r-1"},
                        "error": null},
                       {"id": "cool", "status": "COMPLETED", "attempts": 1, "output": null, "error": null}]}""";

    @Test
    void statusPrintsTheSagaAndItsStepsAsTables() {
        api.on("GET", "/sagas/order-1", 200, SAGA);

        CliRun run = skald("status", "order-1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SAGA        order-1", "definition  order v2", "status      COMPLETED",
                "input       {\"sku\":\"A-1\"}", "error       -");
        assertThat(run.out()).containsPattern("STEP +STATUS +ATTEMPTS +OUTPUT +ERROR\n"
                + "reserve +COMPLETED +1 +\\{\"reservationId\":\"r-1\"\\} +-\n"
                + "cool +COMPLETED +1 +- +-\n");
    }

    @Test
    void jsonPrintsTheApiAnswer() {
        api.on("GET", "/sagas/order-1", 200, SAGA);

        CliRun run = skald("status", "order-1", "--json");

        assertThat(run.out()).contains("\"sagaId\" : \"order-1\"", "\"status\" : \"COMPLETED\"");
    }

    @Test
    void startSendsTheRequestAndPrintsTheSagaId() {
        api.on("POST", "/sagas", 202, "{\"sagaId\": \"s-1\"}");

        CliRun run = skald("start", "order", "--version", "2", "--input", "{\"sku\": \"A-1\"}",
                "--idempotency-key", "cart-7");

        assertThat(run.out()).isEqualTo("started saga s-1\n");
        FakeApi.Request request = api.requests().get(0);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"definition\":\"order\",\"version\":2,\"input\":{\"sku\":\"A-1\"},"
                + "\"idempotencyKey\":\"cart-7\"}");
    }

    @Test
    void listPassesFiltersAndPrintsATable() {
        api.on("GET", "/sagas?limit=5&definition=order&status=COMPLETED", 200, "[" + SAGA + "]");

        CliRun run = skald("list", "--definition", "order", "--status", "COMPLETED", "--limit", "5");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("SAGA +DEFINITION +VERSION +STATUS +UPDATED +ERROR\n"
                + "order-1 +order +2 +COMPLETED +2026-11-26T22:25:54.828Z +-\n").endsWith("1 saga\n");
    }

    @Test
    void historyPrintsOneLinePerEvent() {
        api.on("GET", "/sagas/order-1/history", 200, """
                [{"at": "2026-11-26T22:25:52.211Z", "type": "SAGA_TRANSITION", "stepId": null, "attempt": null,
                  "from": null, "to": "RUNNING", "trigger": "START", "detail": null}]""");

        CliRun run = skald("history", "order-1");

        assertThat(run.out()).containsPattern("2026-11-26T22:25:52.211Z +SAGA_TRANSITION +- +- +- +RUNNING +START +-");
    }

    @Test
    void controlCommandsPostTheActionWithTheReasonAndTheToken() {
        api.on("POST", "/sagas/order-1/cancel", 202, "{\"sagaId\": \"order-1\", \"action\": \"CANCEL\"}");

        CliRun run = CliRun.run(Map.of("SKALD_API", api.url(), "SKALD_API_TOKEN", "s3cret"), "cancel", "order-1",
                "--reason", "customer changed their mind");

        assertThat(run.out()).startsWith("cancel requested for saga order-1");
        FakeApi.Request request = api.requests().get(0);
        assertThat(request.authorization()).isEqualTo("Bearer s3cret");
        assertThat(request.body()).isEqualTo("{\"reason\":\"customer changed their mind\"}");
    }

    @Test
    void sagaIdsAreEncodedInPaths() {
        api.on("POST", "/sagas/parent%2Fpay%2F1/resend", 202, "{\"sagaId\": \"parent/pay/1\"}");

        CliRun run = skald("resend", "parent/pay/1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(api.requests().get(0).body()).isEmpty();
    }

    @Test
    void globalOptionsGoBeforeOrAfterTheCommand() {
        api.on("GET", "/sagas/order-1", 200, SAGA);

        CliRun before = CliRun.run(Map.of(), "--api", api.url(), "--json", "status", "order-1");
        CliRun after = CliRun.run(Map.of(), "status", "order-1", "--api", api.url(), "--json");

        assertThat(before.out()).isEqualTo(after.out()).contains("\"sagaId\" : \"order-1\"");
    }
}
