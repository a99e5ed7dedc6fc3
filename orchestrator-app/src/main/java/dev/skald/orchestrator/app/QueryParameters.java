package dev.skald.orchestrator.app;

import dev.skald.saga.definition.Durations;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.format.Printable;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.machine.SagaStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks of query parameters and path values, shared by the public and the internal API: each adds a located
 * {@link Problem} when a value breaks its rule, and returns the value to use (or null when it is invalid).
 */
final class QueryParameters {
    /** The largest {@code limit} a list or stuck query may ask for. */
    static final int MAX_LIMIT = 10_000;

    private QueryParameters() {
    }

    /** The limit, {@code fallback} when absent; a problem when outside {@code [1, MAX_LIMIT]}. */
    static int limit(Integer limit, int fallback, List<Problem> problems) {
        int value = limit == null ? fallback : limit;
        if (value < 1 || value > MAX_LIMIT) {
            problems.add(new Problem("limit", "must be between 1 and " + MAX_LIMIT + ", was " + value));
        }
        return value;
    }

    /** The status in upper case, or null when absent; a problem when it names no saga status. */
    static String status(String status, List<Problem> problems) {
        if (status == null) {
            return null;
        }
        String upper = status.toUpperCase(Locale.ROOT);
        if (Arrays.stream(SagaStatus.values()).noneMatch(s -> s.name().equals(upper))) {
            problems.add(new Problem("status", Printable.quoted(status) + " is not a saga status; use "
                    + "one of " + Arrays.toString(SagaStatus.values())));
            return null;
        }
        return upper;
    }

    /** An identifier of this rule, or null when absent; a problem at {@code place} when it breaks the rule. */
    static String identifier(Identifiers rule, String value, String place, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        rule.problem(value).ifPresent(p -> problems.add(new Problem(place, p)));
        return value;
    }

    /** A duration a person typed, {@code fallback} when absent; a problem when it is not one within bounds. */
    static Duration duration(String text, Duration fallback, String place, List<Problem> problems) {
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(place, e.getMessage()));
            return fallback;
        }
    }

    /** A partition of this cluster's input topics; a problem when negative or not below {@code partitions}. */
    static int partition(int partition, int partitions, List<Problem> problems) {
        if (partition < 0 || partition >= partitions) {
            problems.add(new Problem("partition", "must be between 0 and " + (partitions - 1) + ", was "
                    + partition));
        }
        return partition;
    }
}
