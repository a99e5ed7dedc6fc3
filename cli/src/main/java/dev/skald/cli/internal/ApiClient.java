package dev.skald.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Calls the Skald REST API and turns its errors into {@link CliException}s with the API's own words: 400 lists
 * every problem, 401 asks for a token, 404 says what is missing, 503 is retried after its {@code Retry-After}.
 * The token is sent as {@code Authorization: Bearer <token>} and never appears in a message.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS_WHILE_UNAVAILABLE = 10;

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param base  the API's base URL, e.g. {@code http://localhost:8080}
     * @param token a bearer token, or null
     */
    public ApiClient(URI base, String token) {
        this.base = Objects.requireNonNull(base, "base can't be null");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An answer of the API: its status and JSON body (a text node when the body is not JSON). */
    public record ApiResponse(int status, JsonNode body) {
    }

    /** The API's base URL. */
    public URI base() {
        return base;
    }

    /** A GET answered with 2xx; its body. */
    public JsonNode get(String path) {
        return exchange(request(path).GET()).body();
    }

    /** A GET answered with 2xx, or empty when the API answers 404. */
    public Optional<JsonNode> find(String path) {
        HttpResponse<String> response = respond(request(path).GET().build());
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(checked(response).body());
    }

    /** A POST of a JSON body (or none when null) answered with 2xx. */
    public ApiResponse post(String path, String json) {
        HttpRequest.Builder request = request(path);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return exchange(request);
    }

    /**
     * A path segment, percent-encoded (saga ids of child sagas contain slashes); a segment of dots only is encoded
     * too, so that {@code .} and {@code ..} name a saga rather than move up the path.
     */
    public static String segment(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.chars().allMatch(c -> c == '.') ? encoded.replace(".", "%2E") : encoded;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private URI resolve(String path) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + path);
    }

    private ApiResponse exchange(HttpRequest.Builder builder) {
        return checked(respond(builder.build()));
    }

    /** The answer, once it is not 503 (asked again after its {@code Retry-After}) or after the last attempt. */
    private HttpResponse<String> respond(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 503 || attempt == ATTEMPTS_WHILE_UNAVAILABLE) {
                return response;
            }
            pause(response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("cannot reach the Skald API at " + base + ": " + describe(e),
                    CliException.UNREACHABLE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while calling the Skald API", CliException.FAILED, e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return e.getMessage() == null ? "connection refused" : e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private ApiResponse checked(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return new ApiResponse(status, body);
        }
        throw switch (status) {
            case 400 -> CliException.failed(problems(body));
            case 401, 403 -> CliException.failed(token == null || token.isBlank()
                    ? "the API requires a token (--token or SKALD_API_TOKEN)"
                    : "the API refused the token (" + status + "); check --token or SKALD_API_TOKEN");
            case 503 -> new CliException("the Skald API at " + base + " is not ready: " + error(body),
                    CliException.UNREACHABLE);
            default -> status >= 500
                    ? CliException.failed("the Skald API failed (" + status + "): " + error(body))
                    : CliException.failed(error(body));
        };
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return TextNode.valueOf("");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(body);
        }
    }

    private static String error(JsonNode body) {
        return body.hasNonNull("error") ? body.get("error").asText() : body.isTextual() ? body.asText()
                : body.toString();
    }

    private static String problems(JsonNode body) {
        StringBuilder text = new StringBuilder(error(body));
        for (JsonNode problem : body.path("problems")) {
            text.append(System.lineSeparator()).append("  ").append(problem.path("place").asText())
                    .append(": ").append(problem.path("message").asText());
        }
        return text.toString();
    }

    private static void pause(long seconds) {
        try {
            TimeUnit.SECONDS.sleep(Math.max(1, Math.min(seconds, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the Skald API", CliException.FAILED, e);
        }
    }
}
