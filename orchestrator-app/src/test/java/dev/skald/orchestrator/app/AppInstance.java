package dev.skald.orchestrator.app;

import dev.skald.orchestrator.Orchestrator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The orchestrator application (Micronaut: HTTP server, Kafka Streams topology) running in this JVM against a
 * broker, on a free port and a fresh state directory, configured through its {@code skald.*} properties as a user
 * would. Public, and shipped in this module's test-jar, for the tests of modules built on the application (the CLI).
 */
public final class AppInstance implements AutoCloseable {
    private final EmbeddedServer server;
    private final Path stateDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppInstance(EmbeddedServer server, Path stateDir) {
        this.server = server;
        this.stateDir = stateDir;
    }

    /**
     * Starts an instance; returns once its topology runs and its HTTP server listens.
     *
     * @param settings more properties, overriding the test defaults (50 ms commit and timer intervals)
     */
    public static AppInstance start(String bootstrapServers, String applicationId, Map<String, Object> settings) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("skald-rest-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("skald.bootstrap-servers", bootstrapServers);
        properties.put("micronaut.server.port", freePort());
        properties.put("skald.state-dir", stateDir.toString());
        properties.put("skald.application-id", applicationId);
        properties.put("skald.schema-registry-url", "mock://" + applicationId);
        properties.put("skald.commit-interval", "50ms");
        properties.put("skald.timer-interval", "50ms");
        properties.putAll(settings);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        server.getApplicationContext().getBean(Readiness.class).awaitReady(Duration.ofMinutes(3));
        return new AppInstance(server, stateDir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URI of the REST API. */
    public URI uri() {
        return server.getURI();
    }

    /** {@code localhost:port}, as Kafka Streams advertises this instance to the others. */
    String hostAndPort() {
        return "localhost:" + server.getPort();
    }

    /** This instance's Kafka Streams state directory (deleted by {@link #close()}). */
    Path stateDir() {
        return stateDir;
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The orchestrator inside the application. */
    public Orchestrator orchestrator() {
        return context().getBean(OrchestratorRuntime.class).orchestrator();
    }

    /** Stops the HTTP server and the application (the topology with it), then deletes the state directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop();
        if (context().isRunning()) {
            context().close();
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
