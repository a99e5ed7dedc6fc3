package dev.skald.embedded;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real single-node Kafka cluster (KRaft, one combined broker and controller) running in this JVM: the embedded
 * default of the demo and of {@code ./skald orchestrator}. Tests use the test kit's {@code EmbeddedKafka}, built on
 * this class. Never a production dependency: a production orchestrator is given a cluster.
 *
 * <pre>{@code
 * try (InProcessKafka kafka = InProcessKafka.start()) {
 *     String bootstrapServers = kafka.bootstrapServers();
 *     ...
 * }
 * }</pre>
 *
 * <p>The broker listens on a random local port, runs the latest production metadata version with unstable features
 * off, uses replication factor 1 for its internal topics (so transactions and {@code exactly_once_v2} work on one
 * node) and no initial rebalance delay. Its data lives in a temporary directory deleted by {@link #close()}.
 * Starting takes 2 to 4 seconds, closing about 1.
 */
public final class InProcessKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessKafka.class);

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InProcessKafka(KafkaClusterTestKit cluster, Path dataDirectory) {
        this.cluster = cluster;
        this.dataDirectory = dataDirectory;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** Starts a broker with the default configuration; returns once it accepts clients. */
    public static InProcessKafka start() {
        return builder().start();
    }

    /** A builder, for a broker with extra broker properties. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code bootstrap.servers} value of clients, such as {@code localhost:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The temporary directory holding the broker's logs and metadata; deleted by {@link #close()}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the broker and deletes its data directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long begin = System.nanoTime();
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker at " + bootstrapServers
                    + " did not stop cleanly", e);
        }
        LOG.info("Embedded Kafka at {} stopped in {} ms", bootstrapServers, millisSince(begin));
    }

    @Override
    public String toString() {
        return "InProcessKafka[" + bootstrapServers + "]";
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    /** Configures and starts an {@link InProcessKafka}. */
    public static final class Builder {
        private final Map<String, Object> brokerProperties = new LinkedHashMap<>();

        private Builder() {
            brokerProperties.putAll(BrokerDefaults.singleNode());
        }

        /**
         * Sets a broker property ({@code server.properties} key), overriding Skald's default if there is one, such
         * as {@code auto.create.topics.enable=false} or {@code log.retention.ms=60000}.
         */
        public Builder brokerProperty(String key, Object value) {
            brokerProperties.put(Objects.requireNonNull(key, "key can't be null"),
                    Objects.requireNonNull(value, "value can't be null"));
            return this;
        }

        /** Sets broker properties, as {@link #brokerProperty} does for each. */
        public Builder brokerProperties(Map<String, ?> properties) {
            Objects.requireNonNull(properties, "properties can't be null").forEach(this::brokerProperty);
            return this;
        }

        /**
         * Starts the broker; returns once it accepts clients.
         *
         * @throws IllegalStateException if the broker does not start; its data directory is then deleted
         */
        public InProcessKafka start() {
            long begin = System.nanoTime();
            Path dataDirectory = createDataDirectory();
            KafkaClusterTestKit cluster = null;
            try {
                TestKitNodes nodes = new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .setBaseDirectory(dataDirectory)
                        .build();
                KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
                brokerProperties.forEach(builder::setConfigProp);
                cluster = builder.build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                InProcessKafka kafka = new InProcessKafka(cluster, dataDirectory);
                LOG.info("Embedded Kafka started at {} in {} ms", kafka.bootstrapServers(), millisSince(begin));
                return kafka;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw startFailure(cluster, dataDirectory, e);
            } catch (Exception e) {
                throw startFailure(cluster, dataDirectory, e);
            }
        }

        private static Path createDataDirectory() {
            try {
                return Files.createTempDirectory("skald-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data directory for the embedded Kafka broker", e);
            }
        }

        private static IllegalStateException startFailure(KafkaClusterTestKit cluster, Path dataDirectory,
                                                          Exception cause) {
            IllegalStateException failure = new IllegalStateException("the embedded Kafka broker did not start",
                    cause);
            try {
                if (cluster != null) {
                    cluster.close();
                } else {
                    Utils.delete(dataDirectory.toFile());
                }
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
            return failure;
        }
    }
}
