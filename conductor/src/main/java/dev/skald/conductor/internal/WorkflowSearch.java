package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.app.SagaRouter;
import dev.skald.saga.definition.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Conductor's workflow search over the sagas of every instance: a {@link SearchQuery}, free text, a sort and a page,
 * answered as {@code SearchResult<WorkflowSummary>} ({@code {totalHits, results}}).
 */
final class WorkflowSearch {
    /** The most sagas one search reads. */
    static final int SCAN = 10_000;

    private final SagaRouter router;

    WorkflowSearch(SagaRouter router) {
        this.router = router;
    }

    /**
     * A checked search request.
     *
     * @param start    the first result to return (0-based)
     * @param size     how many results to return
     * @param sort     the order
     * @param freeText text a workflow's id, type, correlation id or status must contain, or null for any
     * @param query    the conditions
     */
    record Request(int start, int size, Comparator<SagaRecord> sort, String freeText, SearchQuery query) {
        static Request of(String start, String size, String sort, String freeText, String query,
                          List<Problem> problems) {
            int from = RequestValues.integer(start, 0, 0, "start", problems);
            int count = RequestValues.integer(size, 100, 1, "size", problems);
            if (count > SCAN) {
                problems.add(new Problem("size", "must be at most " + SCAN + ", was " + count));
            }
            Comparator<SagaRecord> order = order(sort, problems);
            SearchQuery conditions = null;
            try {
                conditions = SearchQuery.parse(query);
            } catch (SearchQuery.InvalidQueryException e) {
                problems.add(new Problem("query", e.getMessage()));
            }
            String text = freeText == null || freeText.isBlank() || freeText.trim().equals("*") ? null
                    : freeText.trim().toLowerCase(Locale.ROOT);
            return new Request(from, count, order, text, conditions);
        }

        boolean matches(SagaRecord saga) {
            return query.matches(saga) && (freeText == null || Stream.of(saga.sagaId(), saga.definition(),
                    saga.correlationKey(), saga.workflowStatus().name()).anyMatch(v -> v != null
                    && v.toLowerCase(Locale.ROOT).contains(freeText)));
        }
    }

    /** The sagas of this workflow (every workflow, for null), from every instance. */
    List<SagaRecord> sagas(String workflowType) {
        List<SagaRecord> sagas = new ArrayList<>();
        router.list(workflowType, null, SCAN).forEach(json -> sagas.add(SagaRecord.of(json)));
        return sagas;
    }

    /** The page of matching sagas, and how many match in all. */
    ObjectNode search(Request request) {
        List<SagaRecord> matching = sagas(request.query().workflowType().orElse(null)).stream()
                .filter(request::matches).sorted(request.sort()).toList();
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("totalHits", matching.size());
        ArrayNode results = out.putArray("results");
        matching.stream().skip(request.start()).limit(request.size()).map(WorkflowJson::summary).forEach(results::add);
        return out;
    }

    /** {@code field:ASC|DESC}, several joined by {@code ;}; the newest first when absent. */
    private static Comparator<SagaRecord> order(String sort, List<Problem> problems) {
        Comparator<SagaRecord> newestFirst = Comparator.comparing(SagaRecord::createdAt).reversed();
        if (sort == null || sort.isBlank()) {
            return newestFirst;
        }
        Comparator<SagaRecord> order = null;
        for (String part : sort.split(";")) {
            String[] fieldAndDirection = part.trim().split(":");
            var field = SearchQuery.Field.named(fieldAndDirection[0].trim());
            String direction = fieldAndDirection.length > 1 ? fieldAndDirection[1].trim().toUpperCase(Locale.ROOT)
                    : "ASC";
            if (field.isEmpty() || fieldAndDirection.length > 2 || !direction.equals("ASC")
                    && !direction.equals("DESC")) {
                problems.add(new Problem("sort", "'" + RequestValues.abbreviate(part) + "' is not field:ASC or "
                        + "field:DESC with a field of " + SearchQuery.Field.names()));
                return newestFirst;
            }
            Comparator<SagaRecord> next = Comparator.comparing(field.get()::comparable,
                    Comparator.nullsLast(Comparator.naturalOrder()));
            next = direction.equals("DESC") ? next.reversed() : next;
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }
}
