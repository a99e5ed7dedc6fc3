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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A real multi-node Kafka cluster: N KRaft nodes, each a combined broker and controller in its own child JVM, with a
 * static quorum of all of them. Tests of durability kill, restart, freeze and thaw single nodes while clients keep
 * working.
 *
 * <pre>{@code
 * try (KafkaCluster kafka = KafkaCluster.builder().nodes(3).start()) {
 *     kafka.createTopics(3, "orders");   // replication factor 3, min.insync.replicas 2
 *     ...
 *     kafka.kill(2);      // node 2 crashes: acks=all still succeeds on the 2 others
 *     kafka.restart(2);   // same data, same ports
 *     kafka.freeze(3);    // SIGSTOP: a node that hangs
 *     kafka.thaw(3);
 * }
 * }</pre>
 *
 * <p>The configuration is {@link KafkaProcess}'s (no initial rebalance delay, stable features at the latest
 * production metadata version, a 3 s broker session, one partition for the offsets and transaction state topics)
 * made durable: {@code default.replication.factor} and the replication factors of the offsets, transaction state and
 * share coordinator state topics are {@code min(3, N)}, and {@code min.insync.replicas} and the min ISR of the
 * transaction and share coordinator state topics are 2 from 3 nodes on (1 below). A broker gives up on a request to
 * a controller that does not answer (a frozen one) after 5 s ({@code controller.socket.timeout.ms}, 30 s by default),
 * so that an idempotent producer's first request does not wait 30 s for a frozen controller.
 *
 * <p>Nodes are numbered by their {@code node.id}, 1 to {@link #nodes()}. Each node's data directory survives
 * {@link #kill(int)} and {@link #restart(int)} and is deleted by {@link #close()}; its output goes to
 * {@link #logFile(int)}.
 *
 * <p>Internal topics are created on first use with the full replication factor: a transactional producer or a
 * consumer group used for the first time while a node is down fails until it is back. Use them once before taking a
 * node down.
 */
public final class KafkaCluster implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

    private final List<KraftNode> nodes;
    private final short replication;
    private boolean closed;

    private KafkaCluster(List<KraftNode> nodes, short replication) {
        this.nodes = List.copyOf(nodes);
        this.replication = replication;
    }

    /** A builder: the number of nodes, extra broker properties, JVM options, logs. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every node's broker address, such as {@code localhost:40123,localhost:40125,localhost:40127}. */
    @Override
    public String bootstrapServers() {
        return nodes.stream().map(KraftNode::brokerAddress).collect(Collectors.joining(","));
    }

    /** {@code min(3, nodes())}: the replication factor of the topics this cluster creates. */
    @Override
    public short replication() {
        return replication;
    }

    /** The number of nodes. */
    public int nodes() {
        return nodes.size();
    }

    /**
     * The operating-system id of the node's current (or last) process.
     *
     * @param node the node's {@code node.id}, 1 to {@link #nodes()}
     */
    public long pid(int node) {
        return node(node).pid();
    }

    /** Whether the node's process is running (a frozen node is). */
    public boolean isAlive(int node) {
        return node(node).isAlive();
    }

    /** The node's output, across restarts. */
    public Path logFile(int node) {
        return node(node).logFile();
    }

    /** Kills the node with SIGKILL, as a crash would, and returns once it is dead. Its data stays. */
    public void kill(int node) {
        node(node).kill();
    }

    /**
     * Starts the node again on the same data directory and ports, killing it first if it still runs (or is frozen),
     * and returns once it serves clients.
     *
     * @throws ChildProcessException if it does not start in time
     */
    public synchronized void restart(int node) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        KraftNode restarted = node(node);
        restarted.kill();
        restarted.start();
    }

    /**
     * Stops the node's process with SIGSTOP, as a long pause or a hung machine would: it keeps its connections and
     * ports but answers nothing, until {@link #thaw(int)}. Returns once the process is stopped.
     */
    public void freeze(int node) {
        node(node).freeze();
    }

    /** Resumes a node stopped by {@link #freeze(int)} (SIGCONT). */
    public void thaw(int node) {
        node(node).thaw();
    }

    /**
     * Stops every node at once (thawed first; SIGTERM, then SIGKILL after the stop timeout) and deletes their data.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        onEachAtOnce(nodes, KraftNode::close);
        LOG.info("Kafka cluster at {} stopped in {} ms", bootstrapServers(), millisSince(begin));
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + bootstrapServers() + "]";
    }

    private KraftNode node(int node) {
        if (node < 1 || node > nodes.size()) {
            throw new IllegalArgumentException("no node " + node + ": nodes are numbered 1 to " + nodes.size());
        }
        return nodes.get(node - 1);
    }

    private void startAll() {
        long begin = System.nanoTime();
        nodes.forEach(KraftNode::launch);
        nodes.forEach(KraftNode::awaitReady);
        LOG.info("Kafka cluster of {} nodes started at {} in {} ms", nodes.size(), bootstrapServers(),
                millisSince(begin));
    }

    /** Runs {@code action} on every node, each in its own thread; throws the first failure, the others suppressed. */
    private static void onEachAtOnce(List<KraftNode> nodes, Consumer<KraftNode> action) {
        List<CompletableFuture<Void>> runs = nodes.stream()
                .map(node -> CompletableFuture.runAsync(() -> action.accept(node),
                        task -> new Thread(task, "kafka-cluster-node-" + node.id()).start()))
                .collect(Collectors.toList());
        RuntimeException failure = null;
        for (CompletableFuture<Void> run : runs) {
            try {
                run.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                        ? runtime : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    /** Configures and starts a {@link KafkaCluster}. */
    public static final class Builder {
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xms128m", "-Xmx512m", "-Djava.awt.headless=true"));
        private int nodes = 3;
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private String classpath;
        private Path logDirectory;

        private Builder() {
        }

        /** The number of nodes, each a broker and a voter of the controller quorum (default 3). */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least 1 node, not " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /**
         * Sets a broker property ({@code server.properties} key) of every node, overriding Skald's default if there
         * is one.
         */
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

        /** Replaces the JVM options of every node (default {@code -Xms128m -Xmx512m}). */
        public Builder jvmArgs(String... jvmArgs) {
            this.jvmArgs.clear();
            this.jvmArgs.addAll(List.of(jvmArgs));
            return this;
        }

        /** Replaces the classpath of the node JVMs (by default the test JVM's, which must hold kafka_2.13). */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath can't be null");
            return this;
        }

        /**
         * How long a start or a restart waits for a node to log {@value KafkaProcess#READY_LINE} (default 90 s: the
         * nodes of a cluster start together and share the machine).
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout can't be null");
            return this;
        }

        /** How long {@link KafkaCluster#close()} waits for a node's clean shutdown before it kills (default 30 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout can't be null");
            return this;
        }

        /** Where the nodes' log files go (one new file per node); by default {@code target/skald-testkit/}. */
        public Builder logDirectory(Path directory) {
            this.logDirectory = Objects.requireNonNull(directory, "directory can't be null");
            return this;
        }

        /**
         * Formats a data directory per node with one new cluster id, starts all nodes at once and returns once every
         * one serves clients.
         *
         * @throws ChildProcessException if a node exits or does not log {@value KafkaProcess#READY_LINE} in time;
         *                               every node is then stopped and its data deleted
         * @throws IllegalStateException if a data directory cannot be formatted
         */
        public KafkaCluster start() {
            int[] ports = Ports.free(2 * nodes);
            KraftNode.Settings settings = new KraftNode.Settings(jvmArgs, classpath, startTimeout, stopTimeout);
            List<KraftNode> created = new ArrayList<>();
            for (int id = 1; id <= nodes; id++) {
                int brokerPort = ports[2 * id - 2];
                created.add(KraftNode.create(id, brokerPort, ports[2 * id - 1], logFile(id, brokerPort), settings));
            }
            KafkaCluster cluster = new KafkaCluster(created, (short) Math.min(3, nodes));
            try {
                configureAndFormat(created);
                cluster.startAll();
                return cluster;
            } catch (RuntimeException e) {
                try {
                    cluster.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }

        private void configureAndFormat(List<KraftNode> created) {
            String voters = created.stream().map(KraftNode::voter).collect(Collectors.joining(","));
            Map<String, String> properties = durableDefaults();
            properties.putAll(brokerProperties);
            Uuid clusterId = Uuid.randomUuid();
            for (KraftNode node : created) {
                node.configure(voters, properties);
                node.format(clusterId);
            }
        }

        /** {@link BrokerDefaults#singleNodeProcess()} with the replication of {@code nodes} nodes. */
        private Map<String, String> durableDefaults() {
            String factor = Integer.toString(Math.min(3, nodes));
            String minIsr = nodes >= 3 ? "2" : "1";
            Map<String, String> props = new LinkedHashMap<>(BrokerDefaults.singleNodeProcess());
            props.put("default.replication.factor", factor);
            props.put("min.insync.replicas", minIsr);
            props.put("offsets.topic.replication.factor", factor);
            props.put("transaction.state.log.replication.factor", factor);
            props.put("transaction.state.log.min.isr", minIsr);
            props.put("share.coordinator.state.topic.replication.factor", factor);
            props.put("share.coordinator.state.topic.min.isr", minIsr);
            // A broker's requests to the controller (new producer ids, forwarded topic creation) go to the controller
            // it knew: when that one is frozen, they wait this long before trying the new one (default 30 s).
            props.put("controller.socket.timeout.ms", "5000");
            return props;
        }

        private Path logFile(int id, int brokerPort) {
            Path file = LogFiles.newLogFile("kafka-cluster-node" + id + "-" + brokerPort);
            return logDirectory != null ? logDirectory.resolve(file.getFileName()) : file;
        }
    }
}
