package dev.skald.bench;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Conductor-protocol workers: the application runs the poll bridge, a Conductor task definition is registered for each
 * step's command type (so the bridge turns those commands into pollable tasks), and Conductor's official Java worker
 * runner ({@code TaskRunnerConfigurer} of {@code org.conductoross:conductor-client}) polls them in batches from the
 * application's {@code /api} and posts a {@code COMPLETED} result for each, with no work in between.
 *
 * @param threadsPerType worker threads per task type; the runner polls for as many tasks as it has free threads, so
 *                       this is also the largest batch of a poll
 * @param pollTimeoutMs  how long a batch poll waits on the server for its first task
 */
record ConductorWorkers(int threadsPerType, int pollTimeoutMs) implements StepWorkers {
    /**
     * How long a worker's runner sleeps after a poll that brought nothing, or that it could not send because every
     * thread was busy: short, since the long poll already waits on the server (Conductor's default is 100 ms).
     */
    static final int POLL_INTERVAL_MS = 5;
    /** A task leased to a worker that never answers is retried after this long (a poll lost in a rebalance). */
    private static final long RESPONSE_TIMEOUT_SECONDS = 30;

    ConductorWorkers {
        if (threadsPerType < 1 || pollTimeoutMs < 0) {
            throw new IllegalArgumentException("threads per type must be positive and the poll timeout not negative");
        }
    }

    @Override
    public String label() {
        return "Conductor workers";
    }

    @Override
    public String applicationId() {
        return "bench-conductor";
    }

    @Override
    public String topicPrefix() {
        return "bench-conductor.";
    }

    @Override
    public boolean pollBridge() {
        return true;
    }

    @Override
    public AutoCloseable start(OrchestratorApp app, String bootstrap, RigSettings settings, Tracker tracker) {
        ConductorClient client = new ConductorClient(app.url() + "/api");
        new MetadataClient(client).registerTaskDefs(IntStream.rangeClosed(1, SagaRig.STEPS)
                .mapToObj(ConductorWorkers::taskDef).toList());
        List<Worker> workers = IntStream.rangeClosed(1, SagaRig.STEPS)
                .<Worker>mapToObj(step -> new StepWorker(SagaRig.command(step), step, tracker)).toList();
        TaskRunnerConfigurer runner = new TaskRunnerConfigurer.Builder(new TaskClient(client), workers)
                .withThreadCount(threadsPerType).withTaskPollTimeout(pollTimeoutMs).build();
        runner.init();
        return runner::shutdown;
    }

    private static TaskDef taskDef(int step) {
        TaskDef def = new TaskDef(SagaRig.command(step), "step " + step + " of the bench saga");
        def.setResponseTimeoutSeconds(RESPONSE_TIMEOUT_SECONDS);
        return def;
    }

    /** Answers every task of its type at once, as the SDK path's no-op handler does. */
    private record StepWorker(String taskType, int step, Tracker tracker) implements Worker {

        @Override
        public String getTaskDefName() {
            return taskType;
        }

        @Override
        public TaskResult execute(Task task) {
            tracker.handled(task.getWorkflowInstanceId(), step);
            TaskResult result = new TaskResult(task);
            result.setStatus(TaskResult.Status.COMPLETED);
            return result;
        }

        @Override
        public int getPollingInterval() {
            return POLL_INTERVAL_MS;
        }
    }
}
