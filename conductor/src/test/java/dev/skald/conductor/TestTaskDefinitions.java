package dev.skald.conductor;

import dev.skald.conductor.internal.TaskDefinitions;
import dev.skald.conductor.internal.TaskSettings;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The task definitions of the tests, in place of the registered ones: property {@code conductor-test.task-defs} lists
 * {@code type=responseTimeoutSeconds}, comma-separated; every type listed is polled, with no retries of its own (the
 * Skald definitions of the tests carry their retry policies).
 */
@Singleton
@Primary
@Requires(property = TestTaskDefinitions.PROPERTY)
final class TestTaskDefinitions implements TaskDefinitions {
    static final String PROPERTY = "conductor-test.task-defs";

    private final Map<String, TaskSettings> settings;

    TestTaskDefinitions(@Property(name = PROPERTY) String definitions) {
        settings = Arrays.stream(definitions.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(entry -> entry.split("="))
                .collect(Collectors.toMap(pair -> pair[0], pair -> new TaskSettings(pair[0], 0, "FIXED", 0, 0,
                        Long.parseLong(pair[1]), 0)));
    }

    /** The property value that defines these types with these response timeouts. */
    static String property(Map<String, Integer> responseTimeouts) {
        return responseTimeouts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    @Override
    public Optional<TaskSettings> settings(String taskType) {
        return Optional.ofNullable(settings.get(taskType));
    }
}
