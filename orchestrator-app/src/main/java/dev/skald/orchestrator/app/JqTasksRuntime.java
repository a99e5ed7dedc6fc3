package dev.skald.orchestrator.app;

import dev.skald.participant.Participant;
import dev.skald.participant.jq.JqTasks;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of jq steps (Conductor's {@code JSON_JQ_TRANSFORM}), run beside the orchestrator on the same Kafka
 * cluster, topics and registry, unless {@code skald.jq-tasks.enabled=false}. A query that runs past
 * {@value #QUERY_DEADLINE_SECONDS} seconds is stopped and answered as a retriable failure.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Requires(property = "skald.jq-tasks.enabled", notEquals = "false")
@Context
public class JqTasksRuntime {
    /** The deadline of one query, in seconds: a transform of a step's input takes milliseconds. */
    public static final int QUERY_DEADLINE_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(JqTasksRuntime.class);

    private final Participant executor;

    public JqTasksRuntime(OrchestratorRuntime orchestrator) {
        this.executor = JqTasks.start(BuiltInExecutors.config(orchestrator.orchestrator().config(),
                Duration.ofSeconds(QUERY_DEADLINE_SECONDS)));
        LOG.info("jq step executor running (queries stop after {} s)", QUERY_DEADLINE_SECONDS);
    }

    /** The executor, for health. */
    public Participant executor() {
        return executor;
    }

    @PreDestroy
    public void close() {
        executor.close();
    }
}
