package dev.skald.schemas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.schemas.AvroSerdeConfig;
import dev.skald.schemas.SchemaNotFoundException;
import dev.skald.schemas.SchemaRegistry;
import dev.skald.schemas.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;

/**
 * A client of the Confluent Schema Registry REST API on {@link HttpClient}. Ids and schemas are cached forever (the
 * registry never changes them); I/O errors, 5xx and 429 answers are retried with exponential backoff, moving to the
 * next URL if several are given (each is tried at least once). Credentials go in the {@code Authorization} header only: URLs in messages have
 * their user info removed.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED_BODY = 300;

    private final List<URI> baseUrls;
    private final String url;
    private final String authorization;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;
    private final ConcurrentMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemas = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    private HttpSchemaRegistry(List<URI> baseUrls, String authorization, AvroSerdeConfig config) {
        this.baseUrls = List.copyOf(baseUrls);
        this.url = baseUrls.stream().map(URI::toString).collect(Collectors.joining(","));
        this.authorization = authorization;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.httpConnectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = Duration.ofMillis(config.httpReadTimeoutMs());
        this.maxRetries = config.maxRetries();
        this.retryWaitMs = config.retriesWaitMs();
        this.retryMaxWaitMs = config.retriesMaxWaitMs();
    }

    /**
     * A client for comma-separated http(s) URLs.
     *
     * @throws IllegalArgumentException if a URL is not a valid http(s) URL
     * @throws ConfigException          if the authentication settings are inconsistent
     */
    public static HttpSchemaRegistry create(String urls, AvroSerdeConfig config) {
        List<URI> bases = new ArrayList<>();
        String urlUserInfo = null;
        for (String part : urls.split(",")) {
            URI uri = parse(part.trim());
            if (uri.getUserInfo() != null && urlUserInfo == null) {
                urlUserInfo = uri.getUserInfo();
            }
            bases.add(withoutUserInfo(uri));
        }
        return new HttpSchemaRegistry(bases, authorization(config, urlUserInfo), config);
    }

    @Override
    public int register(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            int id = post("/subjects/" + encode(subject) + "/versions", schema,
                    "register schema " + schema.getFullName() + " under subject '" + subject + "'");
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int lookup(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            int id = post("/subjects/" + encode(subject), schema,
                    "look up schema " + schema.getFullName() + " under subject '" + subject + "'");
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.computeIfAbsent(id, this::fetch);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistry[" + url + "]";
    }

    private int post(String path, Schema schema, String what) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofString(body.toString());
        JsonNode answer = send(what, base -> request(base, path).POST(publisher).build());
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException(prefix(what) + ": the answer has no id");
        }
        return id.intValue();
    }

    private Schema fetch(int id) {
        String what = "fetch schema id " + id;
        JsonNode answer = send(what, base -> request(base, "/schemas/ids/" + id).GET().build());
        JsonNode type = answer.get("schemaType");
        if (type != null && !"AVRO".equals(type.asText())) {
            throw new SchemaRegistryException(prefix(what) + ": it is a " + type.asText() + " schema, not Avro");
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException(prefix(what) + ": the answer has no schema");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(prefix(what) + ": not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(URI base, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .header("Content-Type", CONTENT_TYPE);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonNode send(String what, Function<URI, HttpRequest> requests) {
        String lastProblem = null;
        Exception lastCause = null;
        int attempts = Math.max(maxRetries + 1, baseUrls.size());
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                pause(attempt, what);
            }
            URI base = baseUrls.get(attempt % baseUrls.size());
            try {
                HttpResponse<String> response = client.send(requests.apply(base), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return readJson(response.body(), what, base);
                }
                String problem = "HTTP " + status + registryMessage(response.body());
                if (status >= 500 || status == 429) {
                    lastProblem = problem + " from " + base;
                    lastCause = null;
                    continue;
                }
                throw refusal(status, prefix(what, base) + ": " + problem);
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                        + " from " + base;
                lastCause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(prefix(what) + ": interrupted", e);
            }
        }
        throw new SchemaRegistryException(prefix(what) + " after " + attempts + " attempts: " + lastProblem,
                lastCause);
    }

    private static SchemaRegistryException refusal(int status, String message) {
        if (status == 404) {
            return new SchemaNotFoundException(message);
        }
        if (status == 401 || status == 403) {
            return new SchemaRegistryException(message + " (check " + AvroSerdeConfig.BASIC_AUTH_USER_INFO + " or "
                    + AvroSerdeConfig.BEARER_AUTH_TOKEN + ")");
        }
        return new SchemaRegistryException(message);
    }

    private void pause(int attempt, String what) {
        long wait = Math.min(retryMaxWaitMs, retryWaitMs << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(prefix(what) + ": interrupted while waiting to retry", e);
        }
    }

    private JsonNode readJson(String body, String what, URI base) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException(prefix(what, base) + ": the answer is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new SchemaRegistryException(prefix(what, base) + ": the answer is not JSON: " + e.getMessage(), e);
        }
    }

    /** The registry's own explanation, {@code " (error 40403: Schema not found)"}, or a quote of the body. */
    private static String registryMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                String code = node.hasNonNull("error_code") ? "error " + node.get("error_code").asText() + ": " : "";
                return " (" + code + shorten(node.get("message").asText()) + ")";
            }
        } catch (IOException e) {
            return " (" + shorten(body) + ")";
        }
        return " (" + shorten(body) + ")";
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_QUOTED_BODY ? line : line.substring(0, MAX_QUOTED_BODY) + "...";
    }

    private String prefix(String what) {
        return "Schema registry " + url + " failed to " + what;
    }

    private String prefix(String what, URI base) {
        return "Schema registry " + base + " failed to " + what;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid schema registry URL '" + redact(url) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("Unsupported schema registry URL '" + redact(url)
                    + "': use mock://<scope> or http(s)://host:port");
        }
        return uri;
    }

    private static URI withoutUserInfo(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path.isEmpty() ? null : path, null,
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid schema registry URL '" + redact(uri.toString()) + "'");
        }
    }

    /** The URL with any {@code user:password@} removed. */
    static String redact(String url) {
        return url.replaceAll("(?<=//)[^/@]*@", "");
    }

    private static String authorization(AvroSerdeConfig config, String urlUserInfo) {
        String source = config.basicAuthCredentialsSource();
        String userInfo;
        if ("URL".equals(source)) {
            userInfo = required(urlUserInfo, AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                    + "=URL but the schema registry URL has no user info");
        } else if ("USER_INFO".equals(source)) {
            userInfo = required(config.basicAuthUserInfo(), AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                    + "=USER_INFO but " + AvroSerdeConfig.BASIC_AUTH_USER_INFO + " is not set");
        } else {
            userInfo = config.basicAuthUserInfo() != null ? config.basicAuthUserInfo() : urlUserInfo;
        }
        String token = config.bearerAuthToken();
        if (token != null && userInfo != null) {
            throw new ConfigException("Set either basic auth (" + AvroSerdeConfig.BASIC_AUTH_USER_INFO
                    + " or user info in the URL) or " + AvroSerdeConfig.BEARER_AUTH_TOKEN + ", not both");
        }
        if (token != null) {
            return "Bearer " + token;
        }
        if (userInfo != null) {
            if (userInfo.indexOf(':') < 0) {
                throw new ConfigException("Basic-auth user info must be user:password (value not shown)");
            }
            return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static String required(String value, String problem) {
        if (value == null) {
            throw new ConfigException(problem);
        }
        return value;
    }
}
