package dev.skald.orchestrator.app;

import dev.skald.orchestrator.OrchestratorSettings;
import dev.skald.schemas.Redaction;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Access to the REST API, under {@code skald.api.*}: {@code skald.api.token} (environment {@code SKALD_API_TOKEN})
 * makes every request that changes something (every method but GET, HEAD and OPTIONS) require
 * {@code Authorization: Bearer <token>}; {@code skald.api.token-required-for-reads=true} extends that to reads,
 * except {@code /health} and {@code /metrics}. Their defaults and documentation are those of
 * {@link OrchestratorSettings#API_TOKEN} and {@link OrchestratorSettings#API_TOKEN_REQUIRED_FOR_READS}
 * (docs/configuration.md, docs/security.md).
 */
@ConfigurationProperties("skald.api")
public class ApiSettings {
    private String token = OrchestratorSettings.API_TOKEN.defaultValue();
    private boolean tokenRequiredForReads = OrchestratorSettings.API_TOKEN_REQUIRED_FOR_READS.defaultValue();

    /** The access policy these settings describe. */
    public ApiTokenPolicy policy() {
        return ApiTokenPolicy.of(token, tokenRequiredForReads);
    }

    /** The token, or null when none is configured (the API is open). Never log it. */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public boolean isTokenRequiredForReads() {
        return tokenRequiredForReads;
    }

    public void setTokenRequiredForReads(boolean tokenRequiredForReads) {
        this.tokenRequiredForReads = tokenRequiredForReads;
    }

    /** The settings with the token hidden. */
    @Override
    public String toString() {
        return "ApiSettings[token=" + (token == null ? null : Redaction.HIDDEN) + ", tokenRequiredForReads="
                + tokenRequiredForReads + "]";
    }
}
