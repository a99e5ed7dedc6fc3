package dev.skald.schemas;

import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Keeps secrets out of log lines, error messages and {@code toString()}: client settings whose value is a secret
 * (a JAAS configuration, SSL passwords and keys, registry credentials, tokens) and credentials written into URLs.
 *
 * <p>A setting is secret when Kafka's own producer, consumer or admin configuration declares it a password
 * (with any prefix, such as {@code producer.ssl.key.password} or {@code listener.name.x.sasl.jaas.config}), or when
 * its name says so ({@code password}, {@code secret}, {@code token}, {@code jaas}, {@code user.info},
 * {@code private.key}). Redacting a value that was not secret is harmless; the reverse is not, so the rule is broad.
 *
 * <pre>{@code
 * LOG.info("client settings {}", Redaction.settings(config.kafka()));
 * // {sasl.jaas.config=[hidden], security.protocol=SASL_SSL}
 * }</pre>
 */
public final class Redaction {
    /** What a secret value is replaced with. */
    public static final String HIDDEN = "[hidden]";

    private static final Set<String> KAFKA_PASSWORDS = kafkaPasswords();
    private static final Pattern SECRET_WORDS =
            Pattern.compile("password|secret|token|jaas|user\\.info|private\\.key|apikey|api\\.key");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s,]+@");

    private Redaction() {
    }

    /** Whether the value of the setting named {@code key} is a secret. */
    public static boolean isSecret(String key) {
        Objects.requireNonNull(key, "key can't be null");
        String name = key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
        if (SECRET_WORDS.matcher(name).find()) {
            return true;
        }
        return KAFKA_PASSWORDS.stream().anyMatch(p -> name.equals(p) || name.endsWith("." + p));
    }

    /**
     * The settings, sorted by key, with every secret value replaced by {@link #HIDDEN} and credentials removed from
     * URLs in the other values: safe to log or to put in a message.
     */
    public static Map<String, String> settings(Map<String, ?> settings) {
        Map<String, String> out = new TreeMap<>();
        Objects.requireNonNull(settings, "settings can't be null")
                .forEach((key, value) -> out.put(key, value(key, value)));
        return Collections.unmodifiableMap(out);
    }

    /** The value of the setting {@code key} as it may be shown: {@link #HIDDEN} if secret, else without URL credentials. */
    public static String value(String key, Object value) {
        if (value == null) {
            return null;
        }
        return isSecret(key) ? HIDDEN : url(value.toString());
    }

    /**
     * The text with the user info of every URL in it ({@code https://user:password@host}) replaced by
     * {@link #HIDDEN}; works on comma-separated lists of URLs. Null stays null.
     */
    public static String url(String text) {
        return text == null ? null : URL_USER_INFO.matcher(text).replaceAll(HIDDEN + "@");
    }

    private static Set<String> kafkaPasswords() {
        Set<String> keys = new HashSet<>();
        for (ConfigDef definition : new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef()}) {
            definition.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD)
                    .forEach(k -> keys.add(k.name));
        }
        return Set.copyOf(keys);
    }
}
