package dev.skald.conductor.internal;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a task request that arrived at this instance to the instance whose poll bridge owns the task, and answers
 * with that instance's answer, so that workers may send any request to any instance (behind a load balancer). A
 * forwarded request carries {@link #FORWARDED} and is never forwarded again.
 */
@Singleton
@Requires(beans = PollBridge.class)
final class TaskForwarder {
    /** The header a forwarded request carries. */
    static final String FORWARDED = "X-Skald-Forwarded";
    private static final Duration TIMEOUT = TaskService.UPDATE_WAIT.plusSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Whether this request was forwarded by another instance. */
    static boolean forwarded(HttpRequest<?> request) {
        return request.getHeaders().contains(FORWARDED);
    }

    /** The owner's answer to the same request (method, path, query, body, content type and authorization). */
    HttpResponse<?> forward(HostInfo owner, HttpRequest<?> request, String body) throws InterruptedException {
        java.net.http.HttpRequest.Builder out = java.net.http.HttpRequest
                .newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + request.getUri()))
                .timeout(TIMEOUT).header(FORWARDED, "1")
                .method(request.getMethodName(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE).ifPresent(type -> out.header("Content-Type", type));
        request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION).ifPresent(auth -> out.header("Authorization", auth));
        java.net.http.HttpResponse<String> answer;
        try {
            answer = http.send(out.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return TaskErrors.error(HttpStatus.SERVICE_UNAVAILABLE, "the instance that owns this task ("
                    + owner.host() + ":" + owner.port() + ") is unreachable: " + e.getMessage())
                    .header("Retry-After", "1");
        }
        MediaType type = answer.headers().firstValue("Content-Type").map(MediaType::of)
                .orElse(MediaType.TEXT_PLAIN_TYPE);
        return HttpResponse.status(HttpStatus.valueOf(answer.statusCode())).body(answer.body()).contentType(type);
    }
}
