package dev.skald.orchestrator.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.avro.SagaStateRecord;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.internal.LocalStores;
import dev.skald.orchestrator.internal.SagaViews;
import dev.skald.saga.internal.Json;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Answers saga queries from any instance: reads locally when this instance owns the saga, forwards to the owner
 * otherwise, falls back to a standby while the owner is away, and reports "not ready" when nobody can answer.
 */
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SagaRouter.class);

    private final Orchestrator orchestrator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SagaRouter(OrchestratorRuntime runtime) {
        this.orchestrator = runtime.orchestrator();
    }

    /** A saga ({@code history=false}) or its history ({@code history=true}), from wherever it lives. */
    public Lookup find(String sagaId, boolean history) {
        KeyQueryMetadata owner;
        try {
            owner = stores().owner(sagaId);
        } catch (IllegalStateException e) {
            return new NotReady("the orchestrator is not running yet: " + e.getMessage());
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return new NotReady("no instance owns partitions for saga " + sagaId + " right now (rebalancing)");
        }
        List<Lookup> attempts = new ArrayList<>();
        attempts.add(ask(owner.activeHost(), sagaId, owner.partition(), history, false));
        if (attempts.get(0) instanceof NotReady) {
            for (HostInfo standby : owner.standbyHosts()) {
                Lookup stale = ask(standby, sagaId, owner.partition(), history, true);
                if (!(stale instanceof NotReady)) {
                    return stale;
                }
            }
        }
        return attempts.get(0);
    }

    /** Sagas matching the filters, from every instance. */
    public JsonNode list(String definition, String status, int limit) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode saga : localList(definition, status, limit)) {
            out.add(saga);
        }
        for (StreamsMetadata instance : orchestrator.streams().metadataForAllStreamsClients()) {
            if (isSelf(instance.hostInfo()) || out.size() >= limit) {
                continue;
            }
            String query = "/internal/sagas?limit=" + (limit - out.size())
                    + (definition == null ? "" : "&definition=" + encode(definition))
                    + (status == null ? "" : "&status=" + encode(status));
            get(instance.hostInfo(), query).ifPresent(remote -> remote.forEach(out::add));
        }
        return out;
    }

    /** Matching sagas held by this instance. */
    public List<JsonNode> localList(String definition, String status, int limit) {
        return stores().sagas(r -> (definition == null || definition.equals(r.getDefinition()))
                && (status == null || status.equalsIgnoreCase(r.getStatus())), limit)
                .stream().map(r -> (JsonNode) SagaViews.render(r)).toList();
    }

    /** Looks a saga up in this instance's own stores. */
    public Lookup local(String sagaId, int partition, boolean history, boolean stale) {
        try {
            if (history) {
                String stored = stores().history(sagaId, partition, stale);
                return stored == null && stores().saga(sagaId, partition, stale).isEmpty() ? new Missing()
                        : new Found(SagaViews.history(stored));
            }
            Optional<SagaStateRecord> saga = stores().saga(sagaId, partition, stale);
            return saga.<Lookup>map(r -> new Found(SagaViews.render(r))).orElseGet(Missing::new);
        } catch (InvalidStateStoreException e) {
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
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(host, path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
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

    private Optional<JsonNode> get(HostInfo host, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(host, path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Optional.of(Json.mapper().readTree(response.body()));
            }
            LOG.warn("instance {} answered {} to {}; its sagas are missing from this list", host,
                    response.statusCode(), path);
        } catch (IOException e) {
            LOG.warn("instance {} is unreachable ({}); its sagas are missing from this list", host, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
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

    private LocalStores stores() {
        return orchestrator.stores();
    }
}
