package dev.skald.chaos.internal;

import dev.skald.orchestrator.app.Application;
import dev.skald.testkit.JvmProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One orchestrator application (REST API included) in a child JVM, as {@code ./skald orchestrator} runs it, on a fixed
 * port and state directory that survive its restarts.
 */
public final class OrchestratorNode implements Node {
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final String name;
    private final int port;
    private final Path stateDir;
    private final Map<String, String> settings;
    private final Rest rest;
    private JvmProcess process;

    /**
     * @param settings the orchestrator's {@code skald.*} settings shared by every instance
     */
    public OrchestratorNode(int index, int port, Path workDir, Map<String, String> settings, Rest rest) {
        this.name = "orchestrator-" + index;
        this.port = port;
        this.stateDir = workDir.resolve(name + "-state");
        this.settings = Map.copyOf(settings);
        this.rest = rest;
    }

    /**
     * Empties the state directory a previous run left: its checkpoints name offsets of another cluster's topics, which
     * the new cluster does not have (Kafka Streams' global thread then fails on an out-of-range offset).
     */
    public void forgetPreviousRun() {
        deleteStateDir();
    }

    /** Starts the instance and returns once it is ready. */
    public void start() {
        JvmProcess.Builder jvm = JvmProcess.builder(Application.class).name(name)
                .jvmArgs("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .systemProperties(settings)
                .systemProperty("skald.state-dir", stateDir.toString())
                .systemProperty("micronaut.server.port", Integer.toString(port))
                .readyLine("Startup completed")
                .startTimeout(Duration.ofSeconds(90));
        process = jvm.start();
        awaitReady();
    }

    /** The REST API's base URL. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** Whether its process runs. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "orchestrator";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void kill() {
        process.kill();
    }

    @Override
    public void restart(boolean wipe) {
        if (process.isAlive()) {
            process.kill();
        }
        if (wipe) {
            deleteStateDir();
        }
        start();
    }

    /** Stops the instance (SIGTERM, then SIGKILL). */
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    /** Returns once the instance answers {@code /health/ready} with 200. */
    public void awaitReady() {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        for (Rest.Response health = rest.get(url(), "/health/ready"); health.status() != 200;
                health = rest.get(url(), "/health/ready")) {
            String streams = health.json().map(body -> body.path("streams").asText()).orElse("");
            if (streams.equals("ERROR") || streams.equals("NOT_RUNNING")) {
                throw new IllegalStateException(name + " failed to start: " + health.body() + "; see "
                        + process.logFile());
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + process.logFile());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready within " + READY_WITHIN + "; see "
                        + process.logFile());
            }
            Pause.briefly();
        }
    }

    private void deleteStateDir() {
        if (!Files.exists(stateDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(stateDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the state directory " + stateDir, e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + url() + ")";
    }
}
