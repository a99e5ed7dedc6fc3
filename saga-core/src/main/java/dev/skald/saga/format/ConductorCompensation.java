package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.HttpStep;
import java.util.Locale;
import java.util.Optional;

/**
 * Skald's extension to Conductor's task: a {@code compensation} field naming the task that undoes a SIMPLE or HTTP
 * task once it has completed, written like a Conductor task without a reference name. A SIMPLE compensation
 * ({@code {"name": "release_stock", "inputParameters": {...}}}) is a command of its name, polled by Conductor workers
 * like any SIMPLE task, with the retries and response timeout of its task definition; an HTTP compensation
 * ({@code {"type": "HTTP", "inputParameters": {"http_request": {...}}}}) is an http request. Its input may read the
 * compensated task's output ({@code ${reserve.output.reservationId}}).
 */
final class ConductorCompensation {
    /** The name of the field on a Conductor task. */
    static final String FIELD = "compensation";

    private ConductorCompensation() {
    }

    /** The task's compensation, if it declares one; problems are reported at the field. */
    static Optional<Compensation> of(Fields task, ConductorTaskDefs taskDefs) {
        if (!task.has(FIELD)) {
            return Optional.empty();
        }
        Fields undo = task.requiredObject(FIELD);
        String type = undo.optional("type", Values.TEXT).map(t -> t.toUpperCase(Locale.ROOT)).orElse("SIMPLE");
        Optional<Compensation> compensation = switch (type) {
            case "SIMPLE" -> simple(undo, taskDefs);
            case "HTTP" -> Optional.of(http(undo, taskDefs));
            default -> {
                undo.problem("type", "a compensation is a SIMPLE or an HTTP task, was " + type);
                yield Optional.empty();
            }
        };
        undo.rejectUnknown("the compensation of a Conductor task (Skald's extension)");
        return compensation;
    }

    private static Optional<Compensation> simple(Fields undo, ConductorTaskDefs taskDefs) {
        Optional<String> name = undo.required("name", Values.TEXT);
        JsonNode input = undo.optional("inputParameters", Values.OBJECT).orElse(null);
        ConductorTaskDefs.Settings settings = taskDefs.settingsOf(undo, name.orElse(""));
        return name.map(type -> new Compensation(type, type, input, settings.retry(), settings.responseTimeout()));
    }

    private static Compensation http(Fields undo, ConductorTaskDefs taskDefs) {
        String name = undo.optional("name", Values.TEXT).orElse(HttpStep.COMMAND);
        ConductorTaskDefs.Settings settings = taskDefs.settingsOf(undo, name);
        return new Compensation(HttpStep.PARTICIPANT, HttpStep.COMMAND,
                ConductorHttp.request(undo.requiredObject("inputParameters")), settings.retry(),
                settings.responseTimeout());
    }
}
