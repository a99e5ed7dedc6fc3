package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenPolicyTest {
    private static final String TOKEN = "t0ken-with-enough-entropy";

    private final ApiTokenPolicy writes = ApiTokenPolicy.of(TOKEN, false);
    private final ApiTokenPolicy everything = ApiTokenPolicy.of(TOKEN, true);

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void withoutATokenEverythingIsOpen(String token) {
        ApiTokenPolicy open = ApiTokenPolicy.of(token.isEmpty() ? null : token, true);

        assertThat(open.enabled()).isFalse();
        assertThat(open.requiresToken(HttpMethod.POST, "/sagas")).isFalse();
        assertThat(open.requiresToken(HttpMethod.GET, "/sagas/x")).isFalse();
        assertThat(open.accepts(null)).isTrue();
        assertThat(open.outboundAuthorization()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/definitions", "/sagas", "/sagas/x/cancel", "/sagas/x/resend", "/anything/new",
            "/internal/sagas/x", "/health"})
    void everyRequestThatMayChangeSomethingNeedsTheToken(String path) {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
                HttpMethod.PATCH}) {
            assertThat(writes.requiresToken(method, path)).as("%s %s", method, path).isTrue();
        }
    }

    @Test
    void readsStayOpenUnlessConfigured() {
        assertThat(writes.requiresToken(HttpMethod.GET, "/sagas/x")).isFalse();
        assertThat(writes.requiresToken(HttpMethod.GET, "/internal/sagas/x")).isFalse();
        assertThat(writes.outboundAuthorization()).isEmpty();

        assertThat(everything.requiresToken(HttpMethod.GET, "/sagas/x")).isTrue();
        assertThat(everything.requiresToken(HttpMethod.HEAD, "/definitions")).isTrue();
        assertThat(everything.requiresToken(HttpMethod.GET, "/internal/sagas/x")).isTrue();
        assertThat(everything.outboundAuthorization()).contains("Bearer " + TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/ready", "/metrics"})
    void probesStayOpen(String path) {
        assertThat(everything.requiresToken(HttpMethod.GET, path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui", "/ui/", "/ui/dashboard.js", "/ui/dashboard.css"})
    void theDashboardFilesStayOpen(String path) {
        assertThat(everything.requiresToken(HttpMethod.GET, path)).isFalse();
        assertThat(everything.requiresToken(HttpMethod.POST, path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/../sagas", "/ui/%2e%2e/sagas", "/ui/..%2Fsagas", "/ui\\..\\sagas", "/uix",
            "/uisagas"})
    void aPathThatOnlyLooksLikeTheDashboardNeedsTheToken(String path) {
        assertThat(everything.requiresToken(HttpMethod.GET, path)).isTrue();
    }

    @Test
    void onlyTheExactBearerTokenIsAccepted() {
        assertThat(writes.accepts("Bearer " + TOKEN)).isTrue();
        assertThat(writes.accepts("bearer " + TOKEN)).isTrue();
        assertThat(writes.accepts(null)).isFalse();
        assertThat(writes.accepts(TOKEN)).isFalse();
        assertThat(writes.accepts("Basic " + TOKEN)).isFalse();
        assertThat(writes.accepts("Bearer " + TOKEN + "x")).isFalse();
        assertThat(writes.accepts("Bearer " + TOKEN.substring(1))).isFalse();
        assertThat(writes.accepts("Bearer ")).isFalse();
        assertThat(writes.accepts("Bear")).isFalse();
    }

    @Test
    void theTokenNeverShowsInToString() {
        assertThat(everything.toString()).doesNotContain(TOKEN);
        ApiSettings settings = new ApiSettings();
        settings.setToken(TOKEN);
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("[hidden]");
    }
}
