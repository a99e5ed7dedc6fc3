package dev.skald.chaos.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small JSON client of the orchestrators' REST API; a request that cannot connect answers status 0. */
public final class Rest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** A response: its status (0 when the instance could not be reached) and its body. */
    public record Response(int status, String body) {
        /** Whether the request was accepted (2xx). */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as JSON, when it is. */
        public Optional<JsonNode> json() {
            try {
                return Optional.of(JSON.readTree(body));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code GET base + path}. */
    public Response get(String base, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build());
    }

    /** {@code POST base + path} with a JSON body. */
    public Response post(String base, String path, Object body) {
        String text;
        try {
            text = body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write a request body as JSON: " + body, e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "interrupted");
        }
    }
}
