package dev.skald.orchestrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.MapElement;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The store's codec keeps every field of a saga state, the elements of map steps included. */
class StateCodecTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aMapStepsElementsSurviveTheStoreRecord() {
        StepState lines = new StepState("lines", StepStatus.FAILED, 4, 0, 1, 0, Json.tree(List.of("a", "b", "c")),
                null, "element 2 failed", AT, List.of(
                new MapElement(0, StepStatus.COMPENSATING, 1, 1, 1, 1, Json.tree(Map.of("price", 10)), null),
                new MapElement(1, StepStatus.COMPLETED, 4, 2, 0, 0, Json.tree(Map.of("price", 20)), "busy"),
                new MapElement(2, StepStatus.FAILED, 3, 1, 0, 0, null, "unknown sku")));
        SagaState state = new SagaState("o-1", "pricing", 1, null, SagaStatus.COMPENSATING, Json.tree(Map.of()),
                null, "step 'lines' failed", AT, AT, 0, List.of(lines, StepState.pending("ship")), new TreeMap<>(),
                List.of());

        assertThat(StateCodec.fromRecord(StateCodec.toRecord(state, null))).isEqualTo(state);
    }

    @Test
    void aStepRecordWithoutElementsReadsAsAStepWithNone() {
        SagaState state = new SagaState("o-2", "order", 1, null, SagaStatus.RUNNING, Json.tree(Map.of()), null, null,
                AT, AT, 0, List.of(StepState.pending("reserve")), new TreeMap<>(), List.of());
        SagaStateRecord record = StateCodec.toRecord(state, null);
        StepStateRecord step = record.getSteps().get(0);

        assertThat(step.getElements()).isEmpty();
        assertThat(StateCodec.fromRecord(record).steps().get(0).elements()).isEmpty();
    }
}
