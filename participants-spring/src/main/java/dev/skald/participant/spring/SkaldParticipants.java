package dev.skald.participant.spring;

import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.spring.internal.HandlerMethod;
import dev.skald.participant.spring.internal.HandlerMethodCollector;
import dev.skald.participant.spring.internal.ParticipantSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * The participants of the application: one {@link Participant} per {@link SkaldParticipant} name, built from the
 * {@link HandlesCommand} methods of its beans. They start once the context is refreshed (every configuration is
 * checked first, so an invalid one starts none) and stop, in reverse order, when it closes: each finishes and commits
 * its batch in flight, waiting up to its {@code shutdown.timeout}. Their meters go to the application's
 * {@link MeterRegistry} when it has exactly one. Stopped participants stay listed (their health is {@code STOPPED})
 * until the next start.
 */
public final class SkaldParticipants implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SkaldParticipants.class);

    private final HandlerMethodCollector handlers;
    private final SkaldParticipantsProperties properties;
    private final ObjectProvider<MeterRegistry> meterRegistry;
    private volatile List<Participant> participants = List.of();
    private volatile boolean running;

    SkaldParticipants(HandlerMethodCollector handlers, SkaldParticipantsProperties properties,
                      ObjectProvider<MeterRegistry> meterRegistry) {
        this.handlers = handlers;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
    }

    /**
     * Checks every participant's configuration, then starts them all.
     *
     * @throws ParticipantSetupException naming the participant and its methods, if a configuration is invalid or a
     *                                   participant cannot start (those started before it are closed)
     */
    @Override
    public synchronized void start() {
        Map<String, List<HandlerMethod>> methods = handlers.byParticipant();
        Map<String, ParticipantConfig> configs = new LinkedHashMap<>();
        methods.forEach((name, handlersOf) -> configs.put(name, ParticipantSettings.config(name, handlersOf,
                properties)));
        List<Participant> started = new ArrayList<>();
        participants = List.of();
        running = true;
        try {
            configs.forEach((name, config) -> {
                started.add(start(name, config, methods.get(name)));
                participants = List.copyOf(started);
            });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private Participant start(String name, ParticipantConfig config, List<HandlerMethod> methods) {
        Participant.Builder builder = Participant.named(name).config(config);
        MeterRegistry registry = meterRegistry.getIfUnique();
        if (registry != null) {
            builder.meterRegistry(registry);
        }
        methods.forEach(method -> method.register(builder));
        try {
            Participant participant = builder.start();
            log.info("started participant {} ({})", name, ParticipantSettings.describe(methods));
            return participant;
        } catch (RuntimeException e) {
            throw new ParticipantSetupException("participant " + name + " (" + ParticipantSettings.describe(methods)
                    + ") could not start: " + e.getMessage(), "Check that the Kafka cluster in "
                    + SkaldParticipantsProperties.PREFIX + "." + name + ".bootstrap.servers (or "
                    + SkaldParticipantsProperties.DEFAULTS + ".bootstrap.servers) runs and can be reached, with the"
                    + " kafka.* client settings it needs.", e);
        }
    }

    /** Closes the participants in reverse start order; each waits up to its {@code shutdown.timeout}. */
    @Override
    public synchronized void stop() {
        List<Participant> participants = this.participants;
        for (int i = participants.size() - 1; i >= 0; i--) {
            Participant participant = participants.get(i);
            try {
                participant.close();
                log.info("closed participant {} ({})", participant.name(), participant.state());
            } catch (RuntimeException e) {
                log.warn("participant {} did not close cleanly", participant.name(), e);
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The participants, in start order: those running, or those last stopped. Does not wait for a start or stop. */
    public List<Participant> participants() {
        return participants;
    }
}
