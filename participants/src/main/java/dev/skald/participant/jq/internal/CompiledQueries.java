package dev.skald.participant.jq.internal;

import dev.skald.saga.definition.JqStep;
import java.util.LinkedHashMap;
import java.util.Map;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * Compiled queries by their text, the least recently used dropped past a bound: a workflow runs the same few queries
 * again and again, and compiling one costs far more than running it. Safe for concurrent use.
 */
final class CompiledQueries {
    private final Map<String, JsonQuery> byText;

    /** @param capacity how many queries are kept */
    CompiledQueries(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.byText = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonQuery> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The compiled query, compiled now if it is not kept.
     *
     * @throws JsonQueryException if the text is not a jq query
     */
    JsonQuery get(String text) throws JsonQueryException {
        synchronized (byText) {
            JsonQuery kept = byText.get(text);
            if (kept != null) {
                return kept;
            }
        }
        JsonQuery compiled = JqStep.compile(text);
        synchronized (byText) {
            byText.putIfAbsent(text, compiled);
            return byText.get(text);
        }
    }

    /** How many queries are kept. */
    int size() {
        synchronized (byText) {
            return byText.size();
        }
    }
}
