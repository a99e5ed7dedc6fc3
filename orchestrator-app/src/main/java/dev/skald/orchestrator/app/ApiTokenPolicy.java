package dev.skald.orchestrator.app;

import dev.skald.schemas.Redaction;
import io.micronaut.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests need the API token, and whether a request carries it. Without a token every request is allowed.
 * With one, every request that may change something (any method but GET, HEAD and OPTIONS, on any path, so endpoints
 * added later are covered) needs {@code Authorization: Bearer <token>}; reads need it too when {@code forReads},
 * except the probes ({@code /health}, {@code /health/ready}, {@code /metrics}) and the dashboard's static files
 * (under {@code /ui}, which hold no data: the page sends the token with its own API calls). The token is compared
 * in constant time, over digests, so neither its content nor its length leaks through timing.
 */
public final class ApiTokenPolicy {
    private static final String BEARER = "Bearer ";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> PROBES = Set.of("/health", "/health/ready", "/metrics");
    private static final String DASHBOARD = "/ui";

    private final byte[] tokenDigest;
    private final String authorization;
    private final boolean forReads;

    private ApiTokenPolicy(String token, boolean forReads) {
        this.tokenDigest = token == null ? null : digest(token);
        this.authorization = token == null ? null : BEARER + token;
        this.forReads = forReads && token != null;
    }

    /** A policy for this token (null or blank: no token, everything open), also for reads when {@code forReads}. */
    public static ApiTokenPolicy of(String token, boolean forReads) {
        return new ApiTokenPolicy(token == null || token.isBlank() ? null : token.strip(), forReads);
    }

    /** Whether a token is configured at all. */
    public boolean enabled() {
        return tokenDigest != null;
    }

    /** Whether reads need the token too. */
    public boolean forReads() {
        return forReads;
    }

    /** Whether a request with this method and path needs the token. */
    public boolean requiresToken(HttpMethod method, String path) {
        if (!enabled()) {
            return false;
        }
        if (!READS.contains(method)) {
            return true;
        }
        return forReads && !PROBES.contains(path) && !dashboard(path);
    }

    /** A path of the dashboard's files; never one that could climb out of {@code /ui} once normalized. */
    private static boolean dashboard(String path) {
        boolean climbs = path.contains("..") || path.contains("%") || path.contains("\\");
        return path.equals(DASHBOARD) || path.startsWith(DASHBOARD + "/") && !climbs;
    }

    /** Whether an {@code Authorization} header value (null when absent) carries the token. */
    public boolean accepts(String authorizationHeader) {
        if (!enabled()) {
            return true;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = digest(authorizationHeader.substring(BEARER.length()).strip());
        return MessageDigest.isEqual(tokenDigest, presented);
    }

    /**
     * The {@code Authorization} header an instance sends when it asks another one (routing a read), when reads need
     * the token; empty otherwise.
     */
    public Optional<String> outboundAuthorization() {
        return forReads ? Optional.of(authorization) : Optional.empty();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokenPolicy[token=" + (enabled() ? Redaction.HIDDEN : "none") + ", forReads=" + forReads + "]";
    }
}
