package dev.skald.testkit;

import dev.skald.embedded.BrokerDefaults;
import dev.skald.testkit.internal.LogFiles;
import dev.skald.testkit.internal.Ports;

import kafka.tools.StorageTool;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

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
    public static final String READY_LINE = "Kafka Server started";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaProcess.class);

    private final Path dataDirectory;
    private final Path logFile;
    private final int brokerPort;
    private final List<String> jvmArgs;
    /** The broker JVM's classpath; null for the test JVM's. */
    private final String classpath;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private JvmProcess process;
    private boolean closed;

    private KafkaProcess(Builder settings, Path dataDirectory, Path logFile, int brokerPort) {
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.brokerPort = brokerPort;
        this.jvmArgs = List.copyOf(settings.jvmArgs);
        this.classpath = settings.classpath;
        this.startTimeout = settings.startTimeout;
        this.stopTimeout = settings.stopTimeout;
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
        return "localhost:" + brokerPort;
    }

    /** The operating-system id of the current broker process. */
    public synchronized long pid() {
        return process.pid();
    }

    /** Whether the broker process is running. */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The broker's output, across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** The directory holding {@code server.properties}, the logs and the metadata; deleted by {@link #close()}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Kills the broker with SIGKILL, as a crash would, and returns once it is dead. Its data stays. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
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
        kill();
        launch();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after the stop timeout) and deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        try {
            if (process != null) {
                process.close();
            }
        } finally {
            deleteDataDirectory();
        }
        LOG.info("Kafka process at {} stopped in {} ms", bootstrapServers(), millisSince(begin));
    }

    @Override
    public String toString() {
        return "KafkaProcess[" + bootstrapServers() + ", log " + logFile + "]";
    }

    private void launch() {
        long begin = System.nanoTime();
        JvmProcess.Builder jvm = JvmProcess.builder("kafka.Kafka")
                .name("kafka-" + brokerPort)
                .args(dataDirectory.resolve("server.properties").toString())
                .jvmArgs(jvmArgs.toArray(new String[0]))
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "info")
                .systemProperty("org.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer", "info")
                .systemProperty("org.slf4j.simpleLogger.showDateTime", "true")
                .systemProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS")
                .systemProperty("log4j2.level", "INFO")
                .readyLine(READY_LINE)
                .startTimeout(startTimeout)
                .stopTimeout(stopTimeout)
                .logFile(logFile);
        if (classpath != null) {
            jvm.classpath(classpath);
        }
        process = jvm.start();
        LOG.info("Kafka process {} started at {} in {} ms (log {})", process.pid(), bootstrapServers(),
                millisSince(begin), logFile);
    }

    private void deleteDataDirectory() {
        try {
            Utils.delete(dataDirectory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the Kafka data directory " + dataDirectory, e);
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
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
            Path dataDirectory = createDataDirectory();
            Path log = logFile != null ? logFile : LogFiles.newLogFile("kafka-" + ports[0]);
            KafkaProcess kafka = new KafkaProcess(this, dataDirectory, log, ports[0]);
            try {
                Path serverProperties = writeServerProperties(dataDirectory, ports[0], ports[1]);
                format(serverProperties);
                kafka.launch();
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

        private Path writeServerProperties(Path dataDirectory, int brokerPort, int controllerPort) {
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", dataDirectory.resolve("logs").toString());
            props.putAll(BrokerDefaults.singleNodeProcess());
            // After a kill the restarted controller refuses the broker's new registration until the old session
            // expires: a short session makes restart() take seconds instead of the default 9 s more.
            props.put("broker.heartbeat.interval.ms", "500");
            props.put("broker.session.timeout.ms", "3000");
            props.putAll(brokerProperties);
            Path file = dataDirectory.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(writer, "Skald test kit: single-node KRaft broker");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            return file;
        }

        private static void format(Path serverProperties) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] args = {
                "format",
                "-t", Uuid.randomUuid().toString(),
                "-c", serverProperties.toString(),
                "--release-version", MetadataVersion.latestProduction().version(),
            };
            int exitCode;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(args, out);
            } catch (RuntimeException e) {
                throw new IllegalStateException("kafka.tools.StorageTool format failed: " + e.getMessage()
                        + System.lineSeparator() + output.toString(StandardCharsets.UTF_8), e);
            }
            if (exitCode != 0) {
                throw new IllegalStateException("kafka.tools.StorageTool format exited with code " + exitCode
                        + System.lineSeparator() + output.toString(StandardCharsets.UTF_8));
            }
        }

        private static Path createDataDirectory() {
            try {
                return Files.createTempDirectory("skald-kafka-process-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data directory for the Kafka process", e);
            }
        }
    }
}
