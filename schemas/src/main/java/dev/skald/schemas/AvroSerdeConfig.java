package dev.skald.schemas;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration keys of {@link AvroSerde} and of the schema-registry clients made by
 * {@link SchemaRegistries#create}, with their docs and defaults, in one place.
 *
 * <p>The keys are Confluent's, so the same map configures Confluent's {@code KafkaAvroSerde} when a user swaps it
 * in. Keys this class does not know are ignored, so a whole producer, consumer or Streams configuration can be
 * passed as is.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    /** Where the schema registry is: {@code mock://<scope>}, or one or more comma-separated http(s) URLs. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Whether the serializer registers its schema under the subject (true) or only looks up its id (false). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Subject name strategy for record values; only Confluent's TopicNameStrategy is supported. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** Subject name strategy for record keys; only Confluent's TopicNameStrategy is supported. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** Where basic-auth credentials come from: {@code USER_INFO} or {@code URL}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** Basic-auth credentials, {@code user:password}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Where the bearer token comes from: only {@code STATIC_TOKEN}. */
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    /** A static bearer token sent as {@code Authorization: Bearer <token>}. */
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    /** Timeout to open a connection to the registry, in milliseconds. */
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Timeout of one registry request, in milliseconds. */
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    /** How many times a registry request is retried after an I/O error, a 5xx or a 429. */
    public static final String MAX_RETRIES = "max.retries";
    /** The first pause between retries, in milliseconds; it doubles on each retry. */
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    /** The longest pause between retries, in milliseconds. */
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    /** The one subject name strategy supported: {@code <topic>-value} and {@code <topic>-key}. */
    public static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.HIGH,
                    "Where the schema registry is: mock://<scope> for the in-process registry shared by everything in "
                            + "the JVM that names the same scope, or comma-separated http(s):// URLs of a Confluent "
                            + "Schema Registry (tried in turn). Required unless a registry instance is given.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether the serializer registers its schema under the subject (idempotent) or only looks up "
                            + "the id of a schema registered beforehand.")
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY,
                    ValidString.in(TOPIC_NAME_STRATEGY), Importance.LOW,
                    "Subject of record values: <topic>-value. Only TopicNameStrategy is supported.")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY,
                    ValidString.in(TOPIC_NAME_STRATEGY), Importance.LOW,
                    "Subject of record keys: <topic>-key. Only TopicNameStrategy is supported.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, null, ValidString.in(null, "USER_INFO", "URL"),
                    Importance.MEDIUM,
                    "USER_INFO: send basic.auth.user.info; URL: send the user info of the registry URL. Unset: "
                            + "basic.auth.user.info if set, else the URL's user info if any.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "Basic-auth credentials for the registry, user:password. Never logged nor put in messages.")
            .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, null, ValidString.in(null, "STATIC_TOKEN"),
                    Importance.MEDIUM, "STATIC_TOKEN (or unset): send bearer.auth.token.")
            .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "A static bearer token for the registry. Never logged nor put in messages.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout to connect to the registry, in milliseconds.")
            .define(HTTP_READ_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout of one registry request, in milliseconds.")
            .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Retries of a registry request after an I/O error, a 5xx or a 429 (then the next URL is tried).")
            .define(RETRIES_WAIT_MS, Type.INT, 1_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "First pause between retries, in milliseconds; it doubles on each retry.")
            .define(RETRIES_MAX_WAIT_MS, Type.INT, 20_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Longest pause between retries, in milliseconds.");

    /**
     * Reads the keys above from a configuration map.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a value has the wrong type or is out of range
     */
    public AvroSerdeConfig(Map<String, ?> config) {
        super(DEFINITION, config, false);
    }

    /** The definition of every key, e.g. to print them. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    /** The registry URL(s), or null if not set. */
    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** The basic-auth user info, or null; keep it out of logs. */
    public String basicAuthUserInfo() {
        Password password = getPassword(BASIC_AUTH_USER_INFO);
        return password == null ? null : password.value();
    }

    /** The basic-auth credentials source, or null if not set. */
    public String basicAuthCredentialsSource() {
        return getString(BASIC_AUTH_CREDENTIALS_SOURCE);
    }

    /** The bearer token, or null; keep it out of logs. */
    public String bearerAuthToken() {
        Password password = getPassword(BEARER_AUTH_TOKEN);
        return password == null ? null : password.value();
    }

    public int httpConnectTimeoutMs() {
        return getInt(HTTP_CONNECT_TIMEOUT_MS);
    }

    public int httpReadTimeoutMs() {
        return getInt(HTTP_READ_TIMEOUT_MS);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public int retriesWaitMs() {
        return getInt(RETRIES_WAIT_MS);
    }

    public int retriesMaxWaitMs() {
        return getInt(RETRIES_MAX_WAIT_MS);
    }
}
