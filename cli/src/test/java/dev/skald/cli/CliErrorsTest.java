package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors are one clear line on stderr, with the exit code scripts rely on; never a token, never a stack trace. */
class CliErrorsTest extends CliAgainstFakeApi {
    @Test
    void aWrongSagaIdSaysSoAndExits1() {
        api.on("GET", "/sagas/nope", 404, "{\"error\": \"no saga 'nope'\"}");

        CliRun run = skald("status", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("skald: no saga 'nope'\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnreachableApiExits2WithoutAStackTrace() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CliRun run = CliRun.run(Map.of(), "status", "x", "--api", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("skald: cannot reach the Skald API at http://127.0.0.1:" + port + ": ")
                .doesNotContain("\tat ");
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CliRun run = CliRun.run(Map.of(), "status", "x", "--api", "http://127.0.0.1:" + port, "--verbose");

        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void aRefusedRequestListsEveryProblem() {
        api.on("POST", "/sagas", 400, """
                {"error": "the start request is invalid", "problems": [
                  {"place": "definition", "message": "no definition 'ordre' has been applied"},
                  {"place": "sagaId", "message": "must be a non-blank string"}]}""");

        CliRun run = skald("start", "ordre", "--input", "{}");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("""
                skald: the start request is invalid
                  definition: no definition 'ordre' has been applied
                  sagaId: must be a non-blank string
                """);
    }

    @Test
    void aMissingTokenIsNamed() {
        api.on("GET", "/sagas/x", 401, "");

        CliRun run = skald("status", "x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("skald: the API requires a token (--token or SKALD_API_TOKEN)\n");
    }

    @Test
    void aRefusedTokenIsNeverPrinted() {
        api.on("GET", "/sagas/x", 401, "{\"error\": \"unauthorized\"}");

        CliRun run = skald("status", "x", "--token", "s3cret-token", "--verbose");

        assertThat(run.err()).contains("refused the token").doesNotContain("s3cret-token");
    }

    @Test
    void aBusyInstanceIsAskedAgainAfterRetryAfter() {
        api.on("GET", "/sagas/x", new FakeApi.Answer(503, "{\"error\": \"rebalancing\"}", Map.of("Retry-After", "1")))
                .on("GET", "/sagas/x", 200, "{\"sagaId\": \"x\", \"steps\": []}");

        CliRun run = skald("status", "x", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void inputThatIsNotJsonIsRefusedBeforeAnyRequest() {
        CliRun run = skald("start", "order", "--input", "{sku: ");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("skald: --input: not JSON: ");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void topicCommandsNeedTheCluster() {
        CliRun run = skald("dead-letters", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("skald: this command reads Skald's topics: give --bootstrap-servers or set "
                + "SKALD_BOOTSTRAP_SERVERS\n");
    }

    @Test
    void anUnreachableClusterIsReportedWithinTheTimeout() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long started = System.nanoTime();

        CliRun run = skald("dead-letters", "list", "--bootstrap-servers", "127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("skald: cannot read topic skald.dead-letters at 127.0.0.1:" + port
                + ": no answer within 15 s");
        assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
    }

    @Test
    void redriveWantsASelection() {
        CliRun run = skald("dead-letters", "redrive", "--bootstrap-servers", "localhost:1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("say which dead letters to re-drive");
    }
}
