package dev.skald.conductor.internal;

import java.util.Optional;

/** The Conductor task definitions registered through {@code /api/metadata/taskdefs}, as the poll bridge reads them. */
public interface TaskDefinitions {
    /** The settings of a task type, if a definition of it is registered. */
    Optional<TaskSettings> settings(String taskType);

    /** The settings of a task type, or Conductor's defaults when none is registered. */
    default TaskSettings settingsOrDefaults(String taskType) {
        return settings(taskType).orElseGet(() -> TaskSettings.defaults(taskType));
    }
}
