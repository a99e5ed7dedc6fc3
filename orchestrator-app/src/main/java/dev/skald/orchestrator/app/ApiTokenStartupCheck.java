package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says once, when the HTTP server starts, whether the API needs a token: a WARN when it is open. */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Singleton
public class ApiTokenStartupCheck implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenStartupCheck.class);

    private final ApiTokenPolicy policy;

    public ApiTokenStartupCheck(ApiSettings settings) {
        this.policy = settings.policy();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!policy.enabled()) {
            LOG.warn("skald.api.token (SKALD_API_TOKEN) is not set: the control and definition endpoints (every "
                    + "POST, e.g. POST /definitions, POST /sagas, POST /sagas/{id}/cancel) are open to anyone who "
                    + "reaches port {}; see docs/security.md", event.getSource().getPort());
        } else {
            LOG.info("the REST API requires the API token for {}; /health, /metrics and the dashboard's files (/ui)"
                            + " stay open",
                    policy.forReads() ? "every request" : "every request that changes something (reads stay open)");
        }
    }
}
