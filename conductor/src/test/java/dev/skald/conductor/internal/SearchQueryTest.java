package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.saga.machine.SagaStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
    private static final SagaRecord ORDER = saga("o-1", "order", SagaStatus.RUNNING, null, "cart-7", 5_000);
    private static final SagaRecord CANCELLED = saga("o-2", "order", SagaStatus.FAILED, "cancelled", null, 9_000);
    private static final SagaRecord REFUND = saga("r-1", "refund", SagaStatus.COMPLETED, null, "cart-7", 7_000);

    @Test
    void readsTheFormsPeopleType() {
        SearchQuery query = SearchQuery.parse("workflowType = 'order' AND status IN (RUNNING, PAUSED) "
                + "and correlationId = \"cart-7\" AND startTime > 1000");
        assertThat(query.conditions()).hasSize(4);
        assertThat(query.workflowType()).contains("order");
        assertThat(query.matches(ORDER)).isTrue();
        assertThat(query.matches(CANCELLED)).isFalse();
        assertThat(query.matches(REFUND)).isFalse();
    }

    @Test
    void comparesStatusesAsConductorNamesThem() {
        assertThat(SearchQuery.parse("status = TERMINATED").matches(CANCELLED)).isTrue();
        assertThat(SearchQuery.parse("status=FAILED").matches(CANCELLED)).isFalse();
        assertThat(SearchQuery.parse("status != RUNNING").matches(REFUND)).isTrue();
    }

    @Test
    void comparesTimesAsNumbers() {
        assertThat(filter("startTime >= 7000")).containsExactly(CANCELLED, REFUND);
        assertThat(filter("startTime<7000")).containsExactly(ORDER);
        assertThat(filter("startTime <= 7000 AND startTime > 5000")).containsExactly(REFUND);
        assertThat(filter("endTime > 0")).containsExactly(CANCELLED, REFUND);
    }

    @Test
    void anEmptyQueryOrAStarMatchesEverything() {
        assertThat(filter(null)).hasSize(3);
        assertThat(filter("  ")).hasSize(3);
        assertThat(filter("*")).hasSize(3);
    }

    @Test
    void saysWhereAQueryStopsMakingSense() {
        assertRefused("workflowTyp = 'x'", 1, "unknown field 'workflowTyp'");
        assertRefused("workflowType = 'x' OR status = RUNNING", 20, "OR is not supported");
        assertRefused("status = DONE", 10, "'DONE' is not a workflow status");
        assertRefused("workflowType = 'x", 16, "never closed");
        assertRefused("status IN (RUNNING, PAUSED", 27, "expected ')'");
        assertRefused("startTime > yesterday", 13, "takes a whole number");
        assertRefused("workflowType > 'x'", 14, "can only be compared with =, != or IN");
        assertRefused("workflowType 'x'", 14, "expected an operator");
        assertRefused("workflowType =", 15, "expected a value");
    }

    private static void assertRefused(String query, int position, String message) {
        assertThatThrownBy(() -> SearchQuery.parse(query)).as(query)
                .isInstanceOfSatisfying(SearchQuery.InvalidQueryException.class,
                        e -> assertThat(e.position()).as(query + ": " + e.getMessage()).isEqualTo(position))
                .hasMessageContaining(message);
    }

    private static List<SagaRecord> filter(String query) {
        SearchQuery parsed = SearchQuery.parse(query);
        return List.of(ORDER, CANCELLED, REFUND).stream().filter(parsed::matches).toList();
    }

    private static SagaRecord saga(String id, String definition, SagaStatus status, String error, String correlation,
                                   long createdAt) {
        Instant created = Instant.ofEpochMilli(createdAt);
        return new SagaRecord(id, definition, 1, status, JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.nullNode(), error, correlation, null, created, created.plusSeconds(1),
                List.of());
    }
}
