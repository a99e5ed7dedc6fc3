package dev.skald.conductor.internal;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Stands in until a store of registered task definitions is present: every task type runs on Conductor's defaults. */
@Singleton
@Secondary
final class NoTaskDefinitions implements TaskDefinitions {
    @Override
    public Optional<TaskSettings> settings(String taskType) {
        return Optional.empty();
    }
}
