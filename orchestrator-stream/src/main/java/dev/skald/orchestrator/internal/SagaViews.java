package dev.skald.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.MapElementRecord;
import dev.skald.avro.SagaHistoryEvent;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.orchestrator.ElementView;
import dev.skald.orchestrator.HistoryEntry;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StepView;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns stored sagas and history into the public views (which render the JSON of the REST contract). */
public final class SagaViews {
    private SagaViews() {
    }

    /** The view of a stored saga. */
    public static SagaView view(SagaStateRecord r) {
        return new SagaView(r.getSagaId(), r.getDefinition(), r.getVersion(), SagaStatus.valueOf(r.getStatus()),
                json(r.getInput()), json(r.getOutput()), r.getError(), r.getCorrelationKey(), r.getParent(),
                r.getCreatedAt(), r.getUpdatedAt(), r.getSteps().stream().map(SagaViews::view).toList());
    }

    private static StepView view(StepStateRecord s) {
        return new StepView(s.getId(), StepStatus.valueOf(s.getStatus()), s.getAttempt(), json(s.getOutput()),
                s.getError(), s.getElements().stream().map(SagaViews::view).toList());
    }

    private static ElementView view(MapElementRecord e) {
        return new ElementView(e.getIndex(), StepStatus.valueOf(e.getStatus()), e.getAttempts(), json(e.getOutput()),
                e.getError());
    }

    private static JsonNode json(String text) {
        return text == null ? null : JsonText.parse(text, "stored JSON");
    }

    /** The entry of a history event. */
    public static HistoryEntry entry(SagaHistoryEvent e) {
        return new HistoryEntry(e.getAt(), e.getType().name(), e.getStepId(), e.getAttempt(), e.getFrom(),
                e.getTo(), e.getTrigger(), e.getDetail());
    }

    /** The entries of the history JSON kept in the history store (written by {@link HistoryEntry#toJson()}). */
    public static List<HistoryEntry> history(String stored) {
        List<HistoryEntry> entries = new ArrayList<>();
        if (stored != null) {
            for (JsonNode e : JsonText.parse(stored, "history")) {
                entries.add(new HistoryEntry(Instant.parse(e.path("at").asText()), e.path("type").asText(),
                        text(e, "stepId"), e.path("attempt").asInt(), text(e, "from"), text(e, "to"),
                        text(e, "trigger"), text(e, "detail")));
            }
        }
        return entries;
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
