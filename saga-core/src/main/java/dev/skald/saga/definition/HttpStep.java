package dev.skald.saga.definition;

import java.util.List;
import java.util.Set;

/**
 * The contract of an {@code http} step: a step that calls an HTTP API. It runs as a task of the built-in participant
 * {@value #PARTICIPANT} with the command type {@value #COMMAND}, so it has the retries, timeouts, compensation and
 * replay of every task; the command's input is the request, resolved from the step's templates:
 *
 * <pre>{@code
 * {"method": "POST", "url": "https://api.example.com/orders/${input.orderId}",
 *  "headers": {"Authorization": "Bearer {{secret:EXAMPLE_TOKEN}}"}, "body": {"amount": "${input.amount}"},
 *  "successCodes": [200, 201]}
 * }</pre>
 *
 * <p>A secret is referenced as {@code {{secret:NAME}}} and replaced only by the executor, from its configuration or
 * environment, at the moment of the call: it is never in a definition, a command or the history.
 */
public final class HttpStep {
    /** The participant that executes http steps. */
    public static final String PARTICIPANT = "skald-http";
    /** The command type of an http call. */
    public static final String COMMAND = "http-request";
    /** The methods an http step may use. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    /** The status codes that count as success when a step names none. */
    public static final List<Integer> DEFAULT_SUCCESS_CODES = List.of(200, 201, 202, 204);
    /** The fields of a request. */
    public static final String METHOD = "method";
    public static final String URL = "url";
    public static final String HEADERS = "headers";
    public static final String BODY = "body";
    public static final String SUCCESS_CODES = "successCodes";
    /**
     * Set by the Conductor HTTP task mapping, not written in native documents: the output takes Conductor's shape,
     * {@code {"response": {"statusCode", "reasonPhrase", "headers", "body"}}}, instead of
     * {@code {"status", "headers", "body"}}.
     */
    public static final String FORMAT = "format";
    /** The value of {@link #FORMAT} for Conductor's output shape. */
    public static final String FORMAT_CONDUCTOR = "conductor";

    private HttpStep() {
    }

    /** Whether a task step is an http step. */
    public static boolean isHttp(StepKind kind) {
        return kind instanceof StepKind.Task task && PARTICIPANT.equals(task.participant());
    }
}
