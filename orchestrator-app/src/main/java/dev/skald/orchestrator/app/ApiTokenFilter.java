package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, with 401 and {@code WWW-Authenticate: Bearer}, the requests that need the API token (see
 * {@link ApiTokenPolicy}) and do not carry it. Matches every path, so endpoints added later are covered. Neither the
 * expected nor the presented token is ever logged or put in a response.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ApiTokenFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenFilter.class);

    private final ApiTokenPolicy policy;

    public ApiTokenFilter(ApiSettings settings) {
        this.policy = settings.policy();
    }

    /** Null (go on) when the request may pass; a 401 answer otherwise. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authorize(HttpRequest<?> request) {
        if (!policy.requiresToken(request.getMethod(), request.getPath())) {
            return null;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (policy.accepts(authorization)) {
            return null;
        }
        boolean missing = authorization == null;
        LOG.debug("refused {} {} from {}: {} token", request.getMethod(), request.getPath(),
                request.getRemoteAddress(), missing ? "no" : "a wrong");
        return Problems.unauthorized(missing
                ? "this request needs the API token: send 'Authorization: Bearer <token>'"
                : "the API token is wrong");
    }
}
