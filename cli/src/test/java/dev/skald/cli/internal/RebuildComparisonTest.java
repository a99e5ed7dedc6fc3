package dev.skald.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga-by-saga comparison of a rebuild with a live API. */
class RebuildComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LIVE = Map.of(
            "/sagas/a", "{\"sagaId\": \"a\", \"status\": \"COMPLETED\"}",
            "/sagas/b", "{\"sagaId\": \"b\", \"status\": \"RUNNING\"}",
            "/sagas?limit=10", "[{\"sagaId\": \"a\"}, {\"sagaId\": \"b\"}]");

    private HttpServer server;
    private ApiClient api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = LIVE.get(exchange.getRequestURI().toString());
            byte[] bytes = (body == null ? "{\"error\": \"no saga\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        api = new ApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void identicalWhenEverySagaMatchesAndNoneIsMissing() throws IOException {
        Map<String, JsonNode> rebuilt = Map.of("a", json("{\"sagaId\": \"a\", \"status\": \"COMPLETED\"}"),
                "b", json("{\"sagaId\": \"b\", \"status\": \"RUNNING\"}"));

        RebuildComparison.Report report = RebuildComparison.compare(rebuilt, api, 10);

        assertThat(report.identical()).isTrue();
        assertThat(report.sagas()).isEqualTo(2);
    }

    @Test
    void aRebuiltSagaTheLiveApiDoesNotKnowIsAMismatch() throws IOException {
        Map<String, JsonNode> rebuilt = Map.of("a", json("{\"sagaId\": \"a\", \"status\": \"COMPLETED\"}"),
                "b", json("{\"sagaId\": \"b\", \"status\": \"RUNNING\"}"),
                "c", json("{\"sagaId\": \"c\"}"));

        RebuildComparison.Report report = RebuildComparison.compare(rebuilt, api, 10);

        assertThat(report.mismatches()).flatExtracting(RebuildComparison.Mismatch::lines)
                .containsExactly("saga c: unknown to the live API");
    }

    @Test
    void namesDifferingFieldsAndSagasMissingFromTheRebuild() throws IOException {
        Map<String, JsonNode> rebuilt = Map.of("b", json("{\"sagaId\": \"b\", \"status\": \"COMPLETED\"}"));

        RebuildComparison.Report report = RebuildComparison.compare(rebuilt, api, 10);

        assertThat(report.identical()).isFalse();
        assertThat(report.mismatches()).flatExtracting(RebuildComparison.Mismatch::lines).containsExactly(
                "saga a: missing from the rebuild",
                "saga b: status: live \"RUNNING\", rebuilt \"COMPLETED\"");
        assertThat(report.toJson().toString()).contains("{\"field\":\"status\",\"live\":\"RUNNING\","
                + "\"rebuilt\":\"COMPLETED\"}");
    }
}
