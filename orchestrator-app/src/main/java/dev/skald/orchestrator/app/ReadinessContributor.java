package dev.skald.orchestrator.app;

import java.util.Optional;

/**
 * A part of the application that must run before the instance is ready ({@code GET /health/ready}), besides the
 * orchestrator's own topology: the Conductor API's poll bridge, for one. It does not affect liveness.
 */
public interface ReadinessContributor {

    /** Why this part is not ready yet, or empty when it is. */
    Optional<String> notReadyReason();
}
