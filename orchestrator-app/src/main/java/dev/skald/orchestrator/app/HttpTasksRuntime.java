package dev.skald.orchestrator.app;

import dev.skald.participant.Participant;
import dev.skald.participant.http.HttpTaskSettings;
import dev.skald.participant.http.HttpTasks;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of http steps, run beside the orchestrator on the same Kafka cluster, topics and registry, unless
 * {@code skald.http-tasks.enabled=false}. Its handler deadline leaves a call its whole {@code call-timeout}, and its
 * transactions outlast three such calls.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Requires(property = "skald.http-tasks.enabled", notEquals = "false")
@Context
public class HttpTasksRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTasksRuntime.class);
    private static final Duration HANDLER_MARGIN = Duration.ofSeconds(5);

    private final Participant executor;

    public HttpTasksRuntime(OrchestratorRuntime orchestrator, SkaldSettings settings) {
        Duration callTimeout = settings.getHttpCallTimeout();
        this.executor = HttpTasks.start(
                BuiltInExecutors.config(orchestrator.orchestrator().config(), callTimeout.plus(HANDLER_MARGIN)),
                HttpTaskSettings.defaults().withCallTimeout(callTimeout));
        LOG.info("http step executor running (calls time out after {})", callTimeout);
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
