package dev.skald.orchestrator.app;

import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.testkit.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an integration test of the application runs against: an {@link EmbeddedKafka} broker, an {@link AppInstance}
 * on it and, when the test scripts them, {@link TestParticipants} answering its commands. {@link #close()} stops them
 * in reverse order: participants, then every instance (the last started first), then the broker.
 *
 * <p>Typical use, once per test class:
 *
 * <pre>{@code
 * fixture = AppFixture.start("my-it", Map.of("skald.partitions", 3), command -> Answer.ok("{}"));
 * ...
 * fixture.close();
 * }</pre>
 *
 * <p>Public, and shipped in this module's test-jar, for the integration tests of modules built on the application
 * (the CLI).
 */
public final class AppFixture implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final String applicationId;
    private final Map<String, Object> settings;
    private final List<AppInstance> instances = new ArrayList<>();
    private TestParticipants participants;

    private AppFixture(EmbeddedKafka kafka, String applicationId, Map<String, Object> settings) {
        this.kafka = kafka;
        this.applicationId = applicationId;
        this.settings = settings;
    }

    /**
     * Starts a broker and one application instance on it, without participants.
     *
     * @param applicationId the instance's {@code skald.application-id}
     * @param settings      more {@code skald.*} properties, as for {@link AppInstance#start}
     */
    public static AppFixture start(String applicationId, Map<String, Object> settings) {
        return start(applicationId, settings, null);
    }

    /**
     * Starts a broker, one application instance on it, and participants answering its commands with {@code script}
     * (a {@code null} answer leaves a command unanswered).
     *
     * @param applicationId the instance's {@code skald.application-id}
     * @param settings      more {@code skald.*} properties, as for {@link AppInstance#start}
     * @param script        the participants' answer to each command; {@code null} for no participants
     */
    public static AppFixture start(String applicationId, Map<String, Object> settings,
            Function<SagaCommand, Answer> script) {
        AppFixture fixture = new AppFixture(EmbeddedKafka.start(), applicationId, settings);
        try {
            AppInstance app = fixture.startInstance();
            if (script != null) {
                fixture.participants = new TestParticipants(app.orchestrator().config(), script);
            }
            return fixture;
        } catch (RuntimeException | Error e) {
            try {
                fixture.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The broker. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The application instance: the first one started, or the one {@link #restartApp()} started last. */
    public AppInstance app() {
        return instances.get(0);
    }

    /** The participants; only for a fixture started with a script. */
    public TestParticipants participants() {
        if (participants == null) {
            throw new IllegalStateException("this fixture was started without participants");
        }
        return participants;
    }

    /** A REST client for {@link #app()}. */
    RestClient rest() {
        return new RestClient(app().uri());
    }

    /**
     * Starts one more instance of the same application (same id and settings) on the broker, e.g. to share the
     * partitions with {@link #app()}. {@link #close()} closes it too.
     */
    public AppInstance startInstance() {
        AppInstance instance = AppInstance.start(kafka.bootstrapServers(), applicationId, settings);
        instances.add(instance);
        return instance;
    }

    /**
     * Replaces {@link #app()}: closes it (if the test has not already) and starts a new instance of the same
     * application, with a fresh state directory, on the same broker. The participants stay as they are.
     *
     * @return the new instance, from now on {@link #app()}
     */
    public AppInstance restartApp() {
        instances.remove(0).close();
        AppInstance app = AppInstance.start(kafka.bootstrapServers(), applicationId, settings);
        instances.add(0, app);
        return app;
    }

    /**
     * Closes the participants, then every instance (the last started first), then the broker. Instances a test
     * closed itself are skipped ({@link AppInstance#close()} is idempotent).
     */
    @Override
    public void close() {
        try {
            if (participants != null) {
                participants.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the participants", e);
        } finally {
            try {
                for (int i = instances.size() - 1; i >= 0; i--) {
                    instances.get(i).close();
                }
            } finally {
                kafka.close();
            }
        }
    }
}
