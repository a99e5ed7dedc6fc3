package dev.skald.schemas;

import dev.skald.schemas.internal.HttpSchemaRegistry;
import dev.skald.schemas.internal.InMemorySchemaRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Makes {@link SchemaRegistry} clients from a URL, the way {@code schema.registry.url} is read:
 * <ul>
 *   <li>{@code mock://<scope>}: an in-process registry shared by everything in this JVM that names the same scope
 *       (the embedded default, and tests: give each test its own scope);</li>
 *   <li>{@code http://host:port} or {@code https://...}, several separated by commas: a client of the Confluent
 *       Schema Registry REST API, configured by the keys of {@link AvroSerdeConfig} (timeouts, retries, basic or
 *       bearer auth).</li>
 * </ul>
 *
 * <pre>{@code
 * SchemaRegistry registry = SchemaRegistries.create("http://registry:8081",
 *         Map.of("basic.auth.user.info", "skald:secret"));
 * }</pre>
 */
public final class SchemaRegistries {

    private static final String MOCK_PREFIX = "mock://";

    private SchemaRegistries() {
    }

    /**
     * A registry client for this URL.
     *
     * @param url    {@code mock://<scope>}, or comma-separated {@code http(s)://} URLs
     * @param config the keys of {@link AvroSerdeConfig}; others are ignored
     * @throws IllegalArgumentException if the URL has another scheme
     * @throws org.apache.kafka.common.config.ConfigException if the configuration is invalid
     */
    public static SchemaRegistry create(String url, Map<String, ?> config) {
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(config, "config can't be null");
        String trimmed = url.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith(MOCK_PREFIX)) {
            return InMemorySchemaRegistry.scope(trimmed.substring(MOCK_PREFIX.length()));
        }
        return HttpSchemaRegistry.create(trimmed, new AvroSerdeConfig(config));
    }

    /**
     * Forgets everything registered in the in-process registry {@code mock://<scope>}; the next use of the scope
     * starts empty.
     */
    public static void dropMockScope(String scope) {
        InMemorySchemaRegistry.drop(Objects.requireNonNull(scope, "scope can't be null"));
    }
}
