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
public final class OrchestratorNode extends JvmNode {
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final int port;
    private final Path stateDir;
    private final Map<String, String> settings;
    private final Rest rest;

    /**
     * @param settings the orchestrator's {@code skald.*} settings shared by every instance
     */
    public OrchestratorNode(int index, int port, Path workDir, Map<String, String> settings, Rest rest) {
        super("orchestrator-" + index);
        this.port = port;
        this.stateDir = workDir.resolve(name() + "-state");
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

    @Override
    protected JvmProcess launch() {
        return JvmProcess.builder(Application.class).name(name())
                .jvmArgs("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .systemProperties(settings)
                .systemProperty("skald.state-dir", stateDir.toString())
                .systemProperty("micronaut.server.port", Integer.toString(port))
                .readyLine("Startup completed")
                .startTimeout(Duration.ofSeconds(90))
                .start();
    }

    /** The REST API's base URL. */
    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public String kind() {
        return "orchestrator";
    }

    @Override
    protected void beforeRestart(boolean wipe) {
        if (wipe) {
            deleteStateDir();
        }
    }

    /** Returns once the instance answers {@code /health/ready} with 200; fails at once when its topology failed. */
    @Override
    public void awaitReady() {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        for (Rest.Response health = rest.get(url(), "/health/ready"); health.status() != 200;
                health = rest.get(url(), "/health/ready")) {
            String streams = health.json().map(body -> body.path("streams").asText()).orElse("");
            if (streams.equals("ERROR") || streams.equals("NOT_RUNNING")) {
                throw new IllegalStateException(name() + " failed to start: " + health.body() + "; see "
                        + process().logFile());
            }
            if (!process().isAlive()) {
                throw new IllegalStateException(name() + " exited while starting; see " + process().logFile());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name() + " not ready within " + READY_WITHIN + "; see "
                        + process().logFile());
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
        return name() + " (" + url() + ")";
    }
}
