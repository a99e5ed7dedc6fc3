package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.orchestrator.NotReadyException;
import dev.skald.orchestrator.HistoryEntry;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.SagaLocation;
import dev.skald.orchestrator.SagaQueries;
import dev.skald.orchestrator.SagaFilter;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.SagaStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers saga queries from any instance: reads locally when this instance owns the saga, forwards to the owner
 * otherwise, falls back to a standby while the owner is away, and reports "not ready" when nobody can answer.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Singleton
public class SagaRouter {
    /** What a lookup found. */
    public sealed interface Lookup permits Found, Missing, NotReady {
    }

    /** The saga (or its history), as JSON. */
    public record Found(JsonNode body) implements Lookup {
    }

    /** No such saga. */
    public record Missing() implements Lookup {
    }

    /** No instance can answer right now. */
    public record NotReady(String reason) implements Lookup {
    }

    private final Orchestrator orchestrator;
    private final ApiTokenPolicy access;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SagaRouter(OrchestratorRuntime runtime, ApiSettings api) {
        this.orchestrator = runtime.orchestrator();
        this.access = api.policy();
    }

    /**
     * A saga ({@code history=false}) or its history ({@code history=true}), from wherever it lives: the owner, or
     * while the owner cannot answer, a standby. Only the owner can say a saga does not exist: a standby may lag
     * behind, so its "missing" counts as not ready.
     */
    public Lookup find(String sagaId, boolean history) {
        Optional<SagaLocation> location;
        try {
            location = orchestrator.queries().locate(sagaId);
        } catch (NotReadyException e) {
            return new NotReady("the orchestrator is not running: " + e.getMessage());
        }
        if (location.isEmpty()) {
            return new NotReady("no instance owns partitions for saga " + sagaId + " right now (rebalancing)");
        }
        SagaLocation owner = location.get();
        Lookup active = ask(owner.active(), sagaId, owner.partition(), history, false);
        if (active instanceof NotReady) {
            for (HostInfo standby : owner.standbys()) {
                Lookup stale = ask(standby, sagaId, owner.partition(), history, true);
                if (stale instanceof Found) {
                    return stale;
                }
            }
        }
        return active;
    }

    /**
     * Sagas matching the filters, from every instance, at most {@code limit}. A list is complete or not given: when
     * an instance cannot answer (it is starting, rebalancing or gone), this throws rather than leave its sagas out.
     *
     * @throws NotReadyException when this or another instance cannot answer right now
     */
    public JsonNode list(String definition, String status, int limit) {
        return gather(localList(definition, status, limit), limit, remaining -> "/internal/sagas?limit=" + remaining
                + (definition == null ? "" : "&definition=" + encode(definition))
                + (status == null ? "" : "&status=" + encode(status)));
    }

    /**
     * Stuck sagas (see {@link SagaQueries#stuck}) from every instance, at most {@code limit}: those waiting on a command for
     * longer than {@code olderThan} with no timer due to move them.
     *
     * @throws NotReadyException when this or another instance cannot answer right now
     */
    public JsonNode stuck(Duration olderThan, int limit) {
        return gather(localStuck(olderThan, limit), limit, remaining -> "/internal/sagas/stuck?limit=" + remaining
                + "&olderThan=" + olderThan);
    }

    /** Stuck sagas held by this instance (as the active owner), at most {@code limit}. */
    public List<JsonNode> localStuck(Duration olderThan, int limit) {
        Instant threshold = Instant.now().minus(olderThan);
        return orchestrator.queries().stuck(threshold, limit).stream().map(stuck -> (JsonNode) stuck.toJson())
                .toList();
    }

    /** This instance's answers, then the other instances' (asked with the query for the number still wanted). */
    private JsonNode gather(List<JsonNode> local, int limit, java.util.function.IntFunction<String> remoteQuery) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode saga : local) {
            found.putIfAbsent(saga.path("sagaId").asText(), saga);
        }
        for (StreamsMetadata instance : instances()) {
            if (isSelf(instance.hostInfo()) || found.size() >= limit) {
                continue;
            }
            for (JsonNode saga : get(instance.hostInfo(), remoteQuery.apply(limit - found.size()))) {
                if (found.size() < limit) {
                    found.putIfAbsent(saga.path("sagaId").asText(), saga);
                }
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        found.values().forEach(out::add);
        return out;
    }

    private Collection<StreamsMetadata> instances() {
        try {
            return orchestrator.streams().metadataForAllStreamsClients();
        } catch (IllegalStateException e) {
            throw new NotReadyException("the orchestrator is not running: " + e.getMessage(), e);
        }
    }

    /**
     * Matching sagas held by this instance (as the active owner), at most {@code limit}.
     *
     * @throws NotReadyException when this instance's stores cannot be queried right now
     */
    public List<JsonNode> localList(String definition, String status, int limit) {
        SagaFilter filter = definition == null ? SagaFilter.all() : SagaFilter.all().definition(definition);
        return orchestrator.queries().sagas(status == null ? filter : filter.status(SagaStatus.valueOf(status)), limit)
                .stream().map(saga -> (JsonNode) saga.toJson()).toList();
    }

    /** Looks a saga up in this instance's own stores. */
    public Lookup local(String sagaId, int partition, boolean history, boolean stale) {
        try {
            if (history) {
                return orchestrator.queries().history(sagaId, partition, stale)
                        .<Lookup>map(entries -> new Found(HistoryEntry.toJson(entries))).orElseGet(Missing::new);
            }
            return orchestrator.queries().saga(sagaId, partition, stale).<Lookup>map(v -> new Found(v.toJson()))
                    .orElseGet(Missing::new);
        } catch (NotReadyException e) {
            return new NotReady("saga " + sagaId + " is not queryable here right now: " + e.getMessage());
        }
    }

    private Lookup ask(HostInfo host, String sagaId, int partition, boolean history, boolean stale) {
        if (isSelf(host)) {
            return local(sagaId, partition, history, stale);
        }
        String path = "/internal/sagas/" + encode(sagaId) + (history ? "/history" : "") + "?partition=" + partition
                + "&stale=" + stale;
        try {
            HttpResponse<String> response = http.send(request(host, path), HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> new Found(Json.mapper().readTree(response.body()));
                case 404 -> new Missing();
                default -> new NotReady("instance " + host + " answered " + response.statusCode());
            };
        } catch (IOException e) {
            return new NotReady("instance " + host + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotReady("interrupted while asking " + host);
        }
    }

    private JsonNode get(HostInfo host, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request(host, path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotReadyException("instance " + host + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while asking " + host, e);
        }
        if (response.statusCode() != 200) {
            throw new NotReadyException("instance " + host + " answered " + response.statusCode() + " to " + path,
                    null);
        }
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("instance " + host + " answered " + path + " with invalid JSON", e);
        }
    }

    /** A GET of another instance's internal endpoint, with the API token when reads need it. */
    private HttpRequest request(HostInfo host, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(host, path)).timeout(Duration.ofSeconds(5)).GET();
        access.outboundAuthorization().ifPresent(value -> request.header("Authorization", value));
        return request.build();
    }

    private boolean isSelf(HostInfo host) {
        String self = orchestrator.config().applicationServer();
        return self != null && self.equals(host.host() + ":" + host.port());
    }

    private static URI uri(HostInfo host, String path) {
        return URI.create("http://" + host.host() + ":" + host.port() + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
