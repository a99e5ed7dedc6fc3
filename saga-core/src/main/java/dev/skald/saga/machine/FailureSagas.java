package dev.skald.saga.machine;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Failure sagas: a definition's {@link dev.skald.saga.definition.SagaDefinition#failureSaga() failureSaga} (a Conductor
 * {@code failureWorkflow}) is started, at its newest version, when a saga of the definition ends in failure.
 *
 * <ul>
 *   <li><b>When</b>: as the saga reaches {@code FAILED}, {@code COMPENSATED} or {@code COMPENSATION_FAILED}, unless it
 *       was cancelled (an operator's cancel, Conductor's terminate), as Conductor starts no failure workflow on a
 *       terminate either. Once per retry round: a retried saga that fails again starts another.</li>
 *   <li><b>Id</b>: {@link #startedSagaId}, a name-based UUID of the failed saga's id and round, so the start is sent
 *       once with the decision that ended the saga, and a repeated start of the same id is ignored.</li>
 *   <li><b>Input</b>: the failed saga's input fields (when its input is an object), then {@value #WORKFLOW_ID} (the
 *       failed saga's id), {@value #REASON} (its error), {@value #FAILURE_STATUS} ({@code TIMED_OUT} after the saga
 *       timeout, else {@code FAILED}, as Conductor says), {@value #FAILURE_TASK_ID} (the command id of the failed
 *       step's last attempt, when a step failed), {@value #SAGA_STATUS} (Skald's status), {@value #DEFINITION} and
 *       {@value #VERSION}. Its correlation key is the failed saga's.</li>
 * </ul>
 */
public final class FailureSagas {
    /** The step id of the start command (no step of the saga has it: step ids are identifiers without spaces). */
    public static final String STEP_ID = "failure";
    /** The prefix of a cancelled saga's error. */
    public static final String CANCELLED = "cancelled";
    /** The prefix of the error of a saga that ran out of time. */
    public static final String TIMED_OUT = "saga timed out";
    public static final String WORKFLOW_ID = "workflowId";
    public static final String REASON = "reason";
    public static final String FAILURE_STATUS = "failureStatus";
    public static final String FAILURE_TASK_ID = "failureTaskId";
    public static final String SAGA_STATUS = "sagaStatus";
    public static final String DEFINITION = "definition";
    public static final String VERSION = "version";

    private FailureSagas() {
    }

    /** The id of the failure saga started when saga {@code sagaId} failed in retry round {@code round}. */
    public static String startedSagaId(String sagaId, int round) {
        return UUID.nameUUIDFromBytes((sagaId + "/" + STEP_ID + "/" + round).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
