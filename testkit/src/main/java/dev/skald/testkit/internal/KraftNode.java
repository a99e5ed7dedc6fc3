package dev.skald.testkit.internal;

import dev.skald.testkit.ChildProcessException;
import dev.skald.testkit.JvmProcess;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * One KRaft node (combined broker and controller) in a child JVM started by {@code kafka.Kafka server.properties}:
 * its ports, its data directory (a new temporary directory, deleted by {@link #close()}), its {@code
 * server.properties}, its formatting with {@code kafka.tools.StorageTool format}, and its process, which can be
 * killed, frozen, thawed and started again on the same data. What {@code KafkaProcess} and {@code KafkaCluster} are
 * made of.
 *
 * <p>Lifecycle: {@link #create}, {@link #configure}, {@link #format}, then {@link #launch()} and {@link #awaitReady()}
 * (apart, so that the nodes of a quorum start together) or {@link #start()} (both).
 */
public final class KraftNode {

    /** The line a node logs once it serves clients (a node of a quorum only once the quorum has a leader). */
    public static final String READY_LINE = "Kafka Server started";

    private static final Logger LOG = LoggerFactory.getLogger(KraftNode.class);

    private final int id;
    private final int brokerPort;
    private final int controllerPort;
    private final Path dataDirectory;
    private final Path logFile;
    private final Settings settings;
    private JvmProcess process;
    private long launchedAt;
    private boolean frozen;

    /** How a node's JVM runs: its options, its classpath (null for this JVM's) and how long it may take. */
    public record Settings(List<String> jvmArgs, String classpath, Duration startTimeout, Duration stopTimeout) {

        public Settings {
            jvmArgs = List.copyOf(jvmArgs);
            Objects.requireNonNull(startTimeout, "startTimeout can't be null");
            Objects.requireNonNull(stopTimeout, "stopTimeout can't be null");
        }
    }

    private KraftNode(int id, int brokerPort, int controllerPort, Path dataDirectory, Path logFile,
                      Settings settings) {
        this.id = id;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.settings = settings;
    }

    /** A node with a new, empty data directory; nothing runs yet. */
    public static KraftNode create(int id, int brokerPort, int controllerPort, Path logFile, Settings settings) {
        Path dataDirectory = createDataDirectory("skald-kafka-node-" + id + "-");
        return new KraftNode(id, brokerPort, controllerPort, dataDirectory, logFile, settings);
    }

    /** The node's {@code node.id}. */
    public int id() {
        return id;
    }

    /** The address clients connect to, {@code localhost:port}. */
    public String brokerAddress() {
        return "localhost:" + brokerPort;
    }

    /** The node's entry of {@code controller.quorum.voters}: {@code id@localhost:controllerPort}. */
    public String voter() {
        return id + "@localhost:" + controllerPort;
    }

    /** The directory holding {@code server.properties}, the logs and the metadata. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The node's output, across restarts. */
    public Path logFile() {
        return logFile;
    }

    /**
     * Writes {@code server.properties}: the listeners, a 3 s broker session, then {@code properties} (which may
     * override either).
     *
     * @param quorumVoters the {@code controller.quorum.voters} of the whole quorum
     */
    public void configure(String quorumVoters, Map<String, String> properties) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(id));
        props.put("controller.quorum.voters", quorumVoters);
        props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDirectory.resolve("logs").toString());
        // After a kill the restarted controller refuses the broker's new registration until the old session
        // expires: a short session makes a restart take seconds instead of the default 9 s more.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        props.putAll(properties);
        Path file = serverProperties();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "Skald test kit: KRaft node " + id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Formats the data directory for the cluster {@code clusterId}, at the latest production metadata version.
     *
     * @throws IllegalStateException if {@code kafka.tools.StorageTool format} fails
     */
    public void format(Uuid clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {
            "format",
            "-t", clusterId.toString(),
            "-c", serverProperties().toString(),
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

    /** {@link #launch()}, then {@link #awaitReady()}. */
    public synchronized void start() {
        launch();
        awaitReady();
    }

    /** Starts the node's JVM and returns at once; {@link #awaitReady()} waits until it serves clients. */
    public synchronized void launch() {
        launchedAt = System.nanoTime();
        frozen = false;
        JvmProcess.Builder jvm = JvmProcess.builder("kafka.Kafka")
                .name("kafka-" + brokerPort)
                .args(serverProperties().toString())
                .jvmArgs(settings.jvmArgs().toArray(new String[0]))
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "info")
                .systemProperty("org.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer", "info")
                .systemProperty("org.slf4j.simpleLogger.showDateTime", "true")
                .systemProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS")
                .systemProperty("log4j2.level", "INFO")
                .stopTimeout(settings.stopTimeout())
                .logFile(logFile);
        if (settings.classpath() != null) {
            jvm.classpath(settings.classpath());
        }
        process = jvm.start();
    }

    /**
     * Waits until the launched node logs {@value #READY_LINE}.
     *
     * @throws ChildProcessException if it exits or does not get ready within the start timeout; it is then killed
     */
    public synchronized void awaitReady() {
        try {
            process.awaitLine(READY_LINE, settings.startTimeout());
        } catch (ChildProcessException e) {
            process.kill();
            throw e;
        }
        LOG.info("Kafka node {} (pid {}) started at {} in {} ms (log {})", id, process.pid(), brokerAddress(),
                Duration.ofNanos(System.nanoTime() - launchedAt).toMillis(), logFile);
    }

    /** The operating-system id of the node's current process. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("Kafka node " + id + " was never launched");
        }
        return process.pid();
    }

    /** Whether the node's process is running (frozen counts as running). */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process with SIGKILL, as a crash would, and returns once it is dead. Its data stays. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
        frozen = false;
    }

    /** Stops the process with SIGSTOP: it holds its ports and its data but does nothing until {@link #thaw()}. */
    public synchronized void freeze() {
        Signals.stop(pid());
        frozen = true;
    }

    /** Resumes a process stopped by {@link #freeze()} (SIGCONT). */
    public synchronized void thaw() {
        Signals.resume(pid());
        frozen = false;
    }

    /** Stops the process (thawed first, then SIGTERM, then SIGKILL after the stop timeout) and deletes the data. */
    public synchronized void close() {
        try {
            if (process != null) {
                if (frozen && process.isAlive()) {
                    thaw();
                }
                process.close();
            }
        } finally {
            deleteDataDirectory();
        }
    }

    @Override
    public String toString() {
        return "KraftNode[" + id + ", " + brokerAddress() + ", log " + logFile + "]";
    }

    private Path serverProperties() {
        return dataDirectory.resolve("server.properties");
    }

    private void deleteDataDirectory() {
        try {
            Utils.delete(dataDirectory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the Kafka data directory " + dataDirectory, e);
        }
    }

    private static Path createDataDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for a Kafka node", e);
        }
    }
}
