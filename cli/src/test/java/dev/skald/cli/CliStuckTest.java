package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code skald stuck} against the contract of {@code GET /sagas/stuck} and {@code POST /sagas/{id}/resend}. */
class CliStuckTest extends CliAgainstFakeApi {
    private static final String STUCK = """
            [{"sagaId": "s-1", "definition": "order", "version": 1, "status": "RUNNING",
              "updatedAt": "2026-11-26T22:00:00Z", "waitingSince": "2026-11-26T22:00:00Z", "steps": ["reserve"]},
             {"sagaId": "s-2", "definition": "order", "version": 1, "status": "COMPENSATING",
              "updatedAt": "2026-11-26T22:01:00Z", "waitingSince": "2026-11-26T22:01:00Z",
              "steps": ["charge", "ship"]}]""";

    @Test
    void listsSagasWaitingLongerThanTheGivenDuration() {
        api.on("GET", "/sagas/stuck?olderThan=PT1M30S&limit=7", 200, STUCK);

        CliRun run = skald("stuck", "--older-than", "90s", "--limit", "7");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("SAGA +DEFINITION +VERSION +STATUS +WAITING SINCE +STEPS\n"
                + "s-1 +order +1 +RUNNING +2026-11-26T22:00:00Z +reserve\n"
                + "s-2 +order +1 +COMPENSATING +2026-11-26T22:01:00Z +charge,ship\n")
                .endsWith("2 sagas waiting longer than PT1M30S\n");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void defaultsToFiveMinutes() {
        api.on("GET", "/sagas/stuck?olderThan=PT5M&limit=100", 200, "[]");

        CliRun run = skald("stuck");

        assertThat(run.out()).endsWith("0 sagas waiting longer than PT5M\n");
    }

    @Test
    void resendReSendsThePendingCommandsOfEachStuckSaga() {
        api.on("GET", "/sagas/stuck?olderThan=PT5M&limit=100", 200, STUCK)
                .on("POST", "/sagas/s-1/resend", 202, "{\"sagaId\": \"s-1\", \"action\": \"RESEND\"}")
                .on("POST", "/sagas/s-2/resend", 202, "{\"sagaId\": \"s-2\", \"action\": \"RESEND\"}");

        CliRun run = skald("stuck", "--resend", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(api.requests()).extracting(FakeApi.Request::uri)
                .containsExactly("/sagas/stuck?olderThan=PT5M&limit=100", "/sagas/s-1/resend", "/sagas/s-2/resend");
        assertThat(run.out()).contains("\"resent\" : [ \"s-1\", \"s-2\" ]");
    }

    @Test
    void aDurationThatIsNotOneIsRefusedNamingTheOption() {
        CliRun run = skald("stuck", "--older-than", "soon");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("skald: --older-than: 'soon' is not a duration; write a number and a unit "
                + "(500ms, 30s, 5m, 2h, 1d) or ISO-8601 (PT30S)\n");
        assertThat(api.requests()).isEmpty();
    }
}
