package dev.skald.testkit;

import dev.skald.embedded.BrokerDefaults;
import dev.skald.testkit.internal.KraftNode;
import dev.skald.testkit.internal.LogFiles;
import dev.skald.testkit.internal.Ports;

import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real single-node Kafka cluster (KRaft, combined broker and controller) in a child JVM, started by
 * {@code kafka.Kafka server.properties}: a broker that a test can kill with SIGKILL, or that outlives a client the
 * test kills.
 *
 * <pre>{@code
 * try (KafkaProcess kafka = KafkaProcess.start()) {
 *     kafka.createTopics(3, "orders");
 *     ...
 *     kafka.kill();       // the broker crashes
 *     kafka.restart();    // same data, same port
 * }
 * }</pre>
 *
 * <p>The configuration is {@link EmbeddedKafka}'s (replication factor 1 everywhere, no initial rebalance delay,
 * stable features at the latest production metadata version) on fixed free local ports, with a 3 s broker session
 * ({@code broker.session.timeout.ms}; after a kill, the restarted controller accepts the broker only once the old
 * session expired). The data directory is
 * formatted with {@code kafka.tools.StorageTool format}, survives {@link #kill()} and {@link #restart()}, and is
 * deleted by {@link #close()}. The broker's output goes to {@link #logFile()} (by default under
 * {@code target/skald-testkit/}); {@code start()} returns when the broker logs {@value #READY_LINE}, which needs an
 * SLF4J binding on the classpath that prints INFO lines (slf4j-simple does by default; the child JVM is told to log
 * at INFO through slf4j-simple's and Log4j 2's system properties).
 */
public final class KafkaProcess implements KafkaBroker {

    /** The line the broker logs once it serves clients. */
    public static final String READY_LINE = KraftNode.READY_LINE;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaProcess.class);

    private final KraftNode node;
    private boolean closed;

    private KafkaProcess(KraftNode node) {
        this.node = node;
    }

    /** Starts a broker with the default configuration; returns once it serves clients. */
    public static KafkaProcess start() {
        return builder().start();
    }

    /** A builder, for extra broker properties, JVM options or a log file. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return node.brokerAddress();
    }

    /** The operating-system id of the current broker process. */
    public synchronized long pid() {
        return node.pid();
    }

    /** Whether the broker process is running. */
    public synchronized boolean isAlive() {
        return node.isAlive();
    }

    /** The broker's output, across restarts. */
    public Path logFile() {
        return node.logFile();
    }

    /** The directory holding {@code server.properties}, the logs and the metadata; deleted by {@link #close()}. */
    public Path dataDirectory() {
        return node.dataDirectory();
    }

    /** Kills the broker with SIGKILL, as a crash would, and returns once it is dead. Its data stays. */
    public synchronized void kill() {
        node.kill();
    }

    /**
     * Starts the broker again on the same data directory and port, killing it first if it still runs, and returns
     * once it serves clients.
     *
     * @throws ChildProcessException if it does not start in time
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("KafkaProcess at " + bootstrapServers() + " is closed");
        }
        node.kill();
        node.start();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after the stop timeout) and deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        node.close();
        LOG.info("Kafka process at {} stopped in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    @Override
    public String toString() {
        return "KafkaProcess[" + bootstrapServers() + ", log " + logFile() + "]";
    }

    /** Configures and starts a {@link KafkaProcess}. */
    public static final class Builder {
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-Djava.awt.headless=true"));
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private String classpath;
        private Path logFile;

        private Builder() {
        }

        /** Sets a broker property ({@code server.properties} key), overriding Skald's default if there is one. */
        public Builder brokerProperty(String key, Object value) {
            brokerProperties.put(Objects.requireNonNull(key, "key can't be null"),
                    Objects.requireNonNull(value, "value can't be null").toString());
            return this;
        }

        /** Sets broker properties, as {@link #brokerProperty} does for each. */
        public Builder brokerProperties(Map<String, ?> properties) {
            Objects.requireNonNull(properties, "properties can't be null").forEach(this::brokerProperty);
            return this;
        }

        /** Replaces the JVM options (default {@code -Xms256m -Xmx1g}). */
        public Builder jvmArgs(String... jvmArgs) {
            this.jvmArgs.clear();
            this.jvmArgs.addAll(List.of(jvmArgs));
            return this;
        }

        /** Replaces the classpath of the broker JVM (by default the test JVM's, which must hold kafka_2.13). */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath can't be null");
            return this;
        }

        /** How long a start waits for {@value #READY_LINE} (default 60 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout can't be null");
            return this;
        }

        /** How long {@link KafkaProcess#close()} waits for a clean shutdown before it kills (default 30 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout can't be null");
            return this;
        }

        /** Where the broker's output goes (appended to); by default a new file under {@code target/skald-testkit/}. */
        public Builder logFile(Path logFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile can't be null");
            return this;
        }

        /**
         * Formats a new data directory and starts the broker; returns once it serves clients.
         *
         * @throws ChildProcessException if the broker exits or does not log {@value #READY_LINE} in time; its data
         *                               directory is then deleted
         * @throws IllegalStateException if the data directory cannot be formatted
         */
        public KafkaProcess start() {
            int[] ports = Ports.free(2);
            Path log = logFile != null ? logFile : LogFiles.newLogFile("kafka-" + ports[0]);
            KraftNode.Settings settings = new KraftNode.Settings(jvmArgs, classpath, startTimeout, stopTimeout);
            KraftNode node = KraftNode.create(1, ports[0], ports[1], log, settings);
            KafkaProcess kafka = new KafkaProcess(node);
            try {
                Map<String, String> properties = new LinkedHashMap<>(BrokerDefaults.singleNodeProcess());
                properties.putAll(brokerProperties);
                node.configure(node.voter(), properties);
                node.format(Uuid.randomUuid());
                node.start();
                return kafka;
            } catch (RuntimeException e) {
                try {
                    kafka.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }
    }
}
