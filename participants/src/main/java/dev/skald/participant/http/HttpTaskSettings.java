package dev.skald.participant.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the http executor calls out.
 *
 * @param callTimeout      how long one call may take, connection included; a call that overruns it is retried
 * @param maxResponseBytes the largest response body kept as the step's output; a larger one fails the step
 * @param secrets          the value of each secret a request references as {@code {{secret:NAME}}}
 */
public record HttpTaskSettings(Duration callTimeout, int maxResponseBytes, Function<String, Optional<String>> secrets) {
    /** The environment variable prefix of secrets: {@code {{secret:PAYMENTS_TOKEN}}} reads {@code SKALD_SECRET_PAYMENTS_TOKEN}. */
    public static final String SECRET_ENVIRONMENT_PREFIX = "SKALD_SECRET_";

    public HttpTaskSettings {
        Objects.requireNonNull(callTimeout, "callTimeout can't be null");
        Objects.requireNonNull(secrets, "secrets can't be null");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
        }
    }

    /** Five-second calls, responses up to 256 KiB, secrets from {@code SKALD_SECRET_*} environment variables. */
    public static HttpTaskSettings defaults() {
        return new HttpTaskSettings(Duration.ofSeconds(5), 256 * 1024, fromEnvironment(System.getenv()));
    }

    /** These settings with secrets looked up in {@code values} first, then as before. */
    public HttpTaskSettings withSecrets(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        Function<String, Optional<String>> before = secrets;
        return new HttpTaskSettings(callTimeout, maxResponseBytes,
                name -> Optional.ofNullable(copy.get(name)).or(() -> before.apply(name)));
    }

    /** These settings with another call timeout. */
    public HttpTaskSettings withCallTimeout(Duration value) {
        return new HttpTaskSettings(value, maxResponseBytes, secrets);
    }

    /** Secrets read from {@code environment} under {@value #SECRET_ENVIRONMENT_PREFIX}. */
    public static Function<String, Optional<String>> fromEnvironment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return name -> Optional.ofNullable(copy.get(SECRET_ENVIRONMENT_PREFIX + name));
    }
}
