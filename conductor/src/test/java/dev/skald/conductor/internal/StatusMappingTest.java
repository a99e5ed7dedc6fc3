package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.conductor.internal.StatusMapping.Ending;
import dev.skald.conductor.internal.StatusMapping.TaskStatus;
import dev.skald.conductor.internal.StatusMapping.WorkflowRow;
import dev.skald.conductor.internal.StatusMapping.WorkflowStatus;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusMappingTest {
    private static final Map<Ending, String> ERRORS = Map.of(Ending.CANCELLED, "cancelled: by ops",
            Ending.TIMED_OUT, "saga timed out after PT1M", Ending.FAILURE, "step 'a' failed: no stock");

    @Test
    void mapsEverySagaStatusWhateverItsError() {
        for (SagaStatus status : SagaStatus.values()) {
            for (String error : ERRORS.values()) {
                assertThat(StatusMapping.workflow(status, error)).as(status + " / " + error).isNotNull();
            }
            assertThat(StatusMapping.workflow(status, null)).as(status + " without error").isNotNull();
        }
    }

    @Test
    void everyRowOfTheWorkflowTableIsTheOneThatDecidesSomeSaga() {
        for (WorkflowRow row : StatusMapping.WORKFLOW_TABLE) {
            String error = ERRORS.get(row.ending() == Ending.ANY ? Ending.FAILURE : row.ending());
            Ending why = Ending.of(error);
            WorkflowRow first = StatusMapping.WORKFLOW_TABLE.stream().filter(r -> r.matches(row.saga(), why))
                    .findFirst().orElseThrow();
            assertThat(first).as("row " + row + " is shadowed").isEqualTo(row);
        }
    }

    @Test
    void terminatedTimedOutAndFailedSagasAreToldApartByTheirError() {
        assertThat(StatusMapping.workflow(SagaStatus.COMPENSATED, "cancelled: by ops"))
                .isEqualTo(WorkflowStatus.TERMINATED);
        assertThat(StatusMapping.workflow(SagaStatus.FAILED, "cancelled")).isEqualTo(WorkflowStatus.TERMINATED);
        assertThat(StatusMapping.workflow(SagaStatus.FAILED, "saga timed out after PT1S"))
                .isEqualTo(WorkflowStatus.TIMED_OUT);
        assertThat(StatusMapping.workflow(SagaStatus.FAILED, "step 'a' failed: x")).isEqualTo(WorkflowStatus.FAILED);
        assertThat(StatusMapping.workflow(SagaStatus.COMPENSATING, "cancelled")).isEqualTo(WorkflowStatus.TERMINATED);
        assertThat(StatusMapping.workflow(SagaStatus.COMPENSATING, "step 'a' failed: x"))
                .isEqualTo(WorkflowStatus.FAILED);
        assertThat(StatusMapping.workflow(SagaStatus.COMPENSATION_FAILED, null)).isEqualTo(WorkflowStatus.FAILED);
        assertThat(StatusMapping.workflow(SagaStatus.PAUSED, null)).isEqualTo(WorkflowStatus.PAUSED);
    }

    @Test
    void everyStepStatusHasATaskStatusAndRetriedAttemptsFailed() {
        for (StepStatus status : StepStatus.values()) {
            assertThat(StatusMapping.task(status, null, true)).as(status.name()).isNotNull();
            assertThat(StatusMapping.task(status, null, false)).as(status.name()).isEqualTo(TaskStatus.FAILED);
        }
        assertThat(StatusMapping.task(StepStatus.FAILED, "step timed out over all its attempts", true))
                .isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(StatusMapping.task(StepStatus.RUNNING, null, true)).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(StatusMapping.task(StepStatus.CANCELLED, null, true)).isEqualTo(TaskStatus.CANCELED);
    }

    @Test
    void theDocsShowTheTablesAsTheCodeHasThem() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "conductor.md"));
        assertThat(docs).as("docs/conductor.md holds StatusMapping.markdown(); paste it there")
                .contains(StatusMapping.markdown());
    }
}
