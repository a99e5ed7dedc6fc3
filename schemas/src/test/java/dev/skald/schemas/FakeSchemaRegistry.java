package dev.skald.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;

/**
 * A Confluent Schema Registry stand-in on the JDK's HTTP server: the three endpoints Skald uses, optional required
 * credentials, scripted failures, and a log of every request.
 */
final class FakeSchemaRegistry implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final ConcurrentLinkedDeque<Integer> scriptedStatuses = new ConcurrentLinkedDeque<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Set<Integer>> idsBySubject = new HashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String requiredAuthorization;
    private volatile boolean hang;

    private FakeSchemaRegistry(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeSchemaRegistry start() {
        try {
            return new FakeSchemaRegistry(HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers the next {@code times} requests with {@code status} before serving normally. */
    void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            scriptedStatuses.add(status);
        }
    }

    /** Answers 401 to requests without this exact Authorization header. */
    void requireAuthorization(String value) {
        requiredAuthorization = value;
    }

    /** Holds every request until closed, so clients time out. */
    void hang() {
        hang = true;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String path = exchange.getRequestURI().getRawPath();
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
            }
            if (hang) {
                awaitRelease();
                return;
            }
            Integer scripted = scriptedStatuses.poll();
            if (scripted != null) {
                respond(exchange, scripted, error(scripted * 100, "scripted failure"));
                return;
            }
            if (requiredAuthorization != null && !requiredAuthorization.equals(headers.get("authorization"))) {
                respond(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            route(exchange, exchange.getRequestMethod(), path, body);
        }
    }

    private synchronized void route(HttpExchange exchange, String method, String path, String body)
            throws IOException {
        String[] parts = path.split("/");
        if (method.equals("GET") && parts.length == 4 && parts[1].equals("schemas") && parts[2].equals("ids")) {
            String schema = schemasById.get(Integer.parseInt(parts[3]));
            if (schema == null) {
                respond(exchange, 404, error(40403, "Schema " + parts[3] + " not found"));
            } else {
                respond(exchange, 200, JSON.createObjectNode().put("schema", schema));
            }
        } else if (method.equals("POST") && parts.length == 4 && parts[1].equals("subjects")
                && parts[3].equals("versions")) {
            String schema = schemaOf(body);
            int id = idsBySchema.computeIfAbsent(schema, s -> idsBySchema.size() + 1);
            schemasById.put(id, schema);
            idsBySubject.computeIfAbsent(decode(parts[2]), s -> new HashSet<>()).add(id);
            respond(exchange, 200, JSON.createObjectNode().put("id", id));
        } else if (method.equals("POST") && parts.length == 3 && parts[1].equals("subjects")) {
            Integer id = idsBySchema.get(schemaOf(body));
            if (id == null || !idsBySubject.getOrDefault(decode(parts[2]), Set.of()).contains(id)) {
                respond(exchange, 404, error(40403, "Schema not found"));
            } else {
                respond(exchange, 200, JSON.createObjectNode().put("subject", decode(parts[2])).put("version", 1)
                        .put("id", id).put("schema", schemasById.get(id)));
            }
        } else {
            respond(exchange, 404, error(404, "HTTP 404 Not Found"));
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String schemaOf(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        return node.get("schema").asText();
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
