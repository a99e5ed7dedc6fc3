package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The application runs http steps out of the box: its own executor calls a real local HTTP server. */
@Tag("kafka")
class HttpStepAppIT {
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private AppFixture fixture;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/greetings", exchange -> {
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            byte[] body = "{\"greeting\": \"hello\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        server.stop(0);
    }

    @Test
    void aSagaWithAnHttpStepCompletesWithTheResponseAsTheStepsOutput() {
        fixture = AppFixture.start("http-step-app-it", Map.of("skald.partitions", 1));
        RestClient rest = fixture.rest();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/greetings";
        assertThat(rest.post("/definitions", """
                {"name": "greet", "version": 1, "output": {"said": "${hello.output.body.greeting}"},
                 "steps": [{"id": "hello", "type": "http", "request": {"method": "GET", "url": "%s"}}]}"""
                .formatted(url)).status()).isEqualTo(201);

        assertThat(rest.post("/sagas", "{\"definition\": \"greet\", \"sagaId\": \"greet-1\", \"input\": {}}").status())
                .isEqualTo(202);

        RestClient.Reply saga = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("/sagas/greet-1"), r -> r.status() == 200 && r.json().path("status").asText()
                        .equals("COMPLETED"));
        assertThat(saga.json().path("output").path("said").asText()).isEqualTo("hello");
        assertThat(idempotencyKeys).containsExactly("greet-1:hello:1:action");
    }
}
