package dev.skald.participant.internal;

import dev.skald.participant.ParticipantHealth;
import dev.skald.participant.WorkerHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@link ParticipantHealth#details()}: a participant's health as the plain map a health endpoint shows. */
public final class HealthDetails {
    private HealthDetails() {
    }

    public static Map<String, Object> of(ParticipantHealth health) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", health.status().name());
        details.put("instanceId", health.instanceId());
        details.put("workers", health.workers().stream().map(HealthDetails::of).toList());
        details.put("overrunningHandlers", health.overrunningHandlers());
        putIfSet(details, "lastError", health.lastError());
        return details;
    }

    private static Map<String, Object> of(WorkerHealth worker) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("worker", worker.worker());
        details.put("state", worker.state().name());
        details.put("partitions", List.copyOf(new TreeSet<>(worker.partitions())));
        details.put("failuresInARow", worker.failuresInARow());
        details.put("restarts", worker.restarts());
        putIfSet(details, "lastError", worker.lastError());
        putIfSet(details, "lastErrorAt", worker.lastErrorAt() == null ? null : worker.lastErrorAt().toString());
        return details;
    }

    private static void putIfSet(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
