package dev.skald.participant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skald.schemas.SchemaNotFoundException;
import dev.skald.schemas.SchemaRegistries;
import dev.skald.schemas.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;

/**
 * A schema registry over HTTP (the three endpoints of Confluent's REST API that Skald's client uses), backed by an
 * in-process {@code mock://} registry: what a test and the child JVMs it starts share, since a {@code mock://}
 * registry lives in one JVM.
 */
public final class RegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final SchemaRegistry registry;
    private final String scope = "registry-server-" + UUID.randomUUID();

    private RegistryServer(HttpServer server) {
        this.server = server;
        this.registry = SchemaRegistries.create("mock://" + scope, Map.of());
        server.createContext("/", this::handle);
        server.start();
    }

    public static RegistryServer start() {
        try {
            return new RegistryServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code schema.registry.url} of this registry. */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            try {
                if (method.equals("GET") && path.startsWith("/schemas/ids/")) {
                    Schema schema = registry.schemaById(Integer.parseInt(path.substring("/schemas/ids/".length())));
                    answer(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()));
                } else if (method.equals("POST") && path.startsWith("/subjects/")) {
                    String rest = path.substring("/subjects/".length());
                    boolean register = rest.endsWith("/versions");
                    String subject = URLDecoder.decode(register ? rest.substring(0, rest.length() - "/versions".length())
                            : rest, StandardCharsets.UTF_8);
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    Schema schema = new Schema.Parser().parse(body.get("schema").asText());
                    int id = register ? registry.register(subject, schema) : registry.lookup(subject, schema);
                    answer(exchange, 200, JSON.createObjectNode().put("id", id).put("subject", subject)
                            .put("version", 1).put("schema", schema.toString()));
                } else {
                    answer(exchange, 404, JSON.createObjectNode().put("error_code", 404).put("message", "no route"));
                }
            } catch (SchemaNotFoundException e) {
                answer(exchange, 404, JSON.createObjectNode().put("error_code", 40403).put("message", e.getMessage()));
            } catch (RuntimeException e) {
                answer(exchange, 500, JSON.createObjectNode().put("error_code", 500).put("message", e.toString()));
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        SchemaRegistries.dropMockScope(scope);
    }
}
