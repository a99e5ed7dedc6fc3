package dev.skald.testkit;

import dev.skald.embedded.InProcessKafka;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real single-node Kafka cluster (KRaft, one combined broker and controller) running in this JVM, for tests: the
 * {@link InProcessKafka} of the embedded-kafka module, with the test kit's {@link KafkaBroker} conveniences.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopics(3, "orders", "payments");
 *     Map<String, Object> config = kafka.clientConfig();
 *     ...
 * }
 * }</pre>
 *
 * <p>The broker listens on a random local port, runs the latest production metadata version with unstable features
 * off, uses replication factor 1 for its internal topics (so transactions and {@code exactly_once_v2} work on one
 * node) and no initial rebalance delay. Its data lives in a temporary directory deleted by {@link #close()}.
 * Starting takes 2 to 4 seconds, closing about 1.
 */
public final class EmbeddedKafka implements KafkaBroker {
    private final InProcessKafka broker;

    private EmbeddedKafka(InProcessKafka broker) {
        this.broker = broker;
    }

    /** Starts a broker with the default configuration; returns once it accepts clients. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    /** A builder, for a broker with extra broker properties. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The temporary directory holding the broker's logs and metadata; deleted by {@link #close()}. */
    public Path dataDirectory() {
        return broker.dataDirectory();
    }

    /** Stops the broker and deletes its data directory. Idempotent. */
    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + "]";
    }

    /** Configures and starts an {@link EmbeddedKafka}. */
    public static final class Builder {
        private final InProcessKafka.Builder broker = InProcessKafka.builder();

        private Builder() {
        }

        /**
         * Sets a broker property ({@code server.properties} key), overriding Skald's default if there is one, such
         * as {@code auto.create.topics.enable=false} or {@code log.retention.ms=60000}.
         */
        public Builder brokerProperty(String key, Object value) {
            broker.brokerProperty(key, value);
            return this;
        }

        /** Sets broker properties, as {@link #brokerProperty} does for each. */
        public Builder brokerProperties(Map<String, ?> properties) {
            broker.brokerProperties(properties);
            return this;
        }

        /**
         * Starts the broker; returns once it accepts clients.
         *
         * @throws IllegalStateException if the broker does not start; its data directory is then deleted
         */
        public EmbeddedKafka start() {
            return new EmbeddedKafka(broker.start());
        }
    }
}
