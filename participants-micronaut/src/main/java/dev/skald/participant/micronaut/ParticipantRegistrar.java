package dev.skald.participant.micronaut;

import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.processor.ExecutableMethodProcessor;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link HandlesCommand} methods of {@link SkaldParticipant} beans while the context starts, builds and
 * starts one {@link Participant} per participant name on {@link StartupEvent}, and closes them when the context
 * closes (each waits up to its {@code shutdown.timeout} for the batch in flight). A bad handler signature, two
 * handlers of one command type, or an invalid configuration fails the startup with a {@link ConfigurationException}
 * naming the bean and method(s). Off when {@code skald.participants.enabled} is {@code false}.
 */
@Singleton
@Requires(property = ParticipantRegistrar.ENABLED, value = "true", defaultValue = "true")
public final class ParticipantRegistrar implements ExecutableMethodProcessor<HandlesCommand>,
        ApplicationEventListener<StartupEvent> {

    /** The properties of the participant {@code <name>}: {@code skald.participants.<name>.<key>}. */
    public static final String PREFIX = "skald.participants";
    /** Defaults shared by every participant: {@code skald.participant.<key>}. */
    public static final String DEFAULTS = "skald.participant";
    /** {@code false} leaves the annotated beans alone. */
    public static final String ENABLED = PREFIX + ".enabled";

    private static final Logger log = LoggerFactory.getLogger(ParticipantRegistrar.class);

    private final BeanContext context;
    private final PropertyResolver properties;
    private final Map<String, Map<String, HandlerMethod>> handlers = new LinkedHashMap<>();
    private final List<Participant> running = new ArrayList<>();

    ParticipantRegistrar(BeanContext context, PropertyResolver properties) {
        this.context = context;
        this.properties = properties;
    }

    @Override
    public synchronized void process(BeanDefinition<?> bean, ExecutableMethod<?, ?> method) {
        HandlerMethod handler = HandlerMethod.of(bean, method);
        HandlerMethod other = handlers.computeIfAbsent(handler.participant(), name -> new LinkedHashMap<>())
                .putIfAbsent(handler.commandType(), handler);
        if (other != null) {
            throw new ConfigurationException("participant " + handler.participant() + ": command type '"
                    + handler.commandType() + "' has two handlers, " + other.describe() + " and "
                    + handler.describe() + " (one per command type)");
        }
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        Map<String, ParticipantConfig> configs = new LinkedHashMap<>();
        handlers.forEach((name, methods) -> configs.put(name, config(name, methods.values())));
        try {
            configs.forEach((name, config) -> running.add(start(name, config, handlers.get(name).values())));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The configuration of participant {@code name}: {@code skald.participants.<name>.*} over the defaults. */
    ParticipantConfig config(String name, Iterable<HandlerMethod> methods) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String prefix : List.of(DEFAULTS, PREFIX + "." + name)) {
            keys.putAll(EnvironmentSettings.kafkaKeys(System.getenv(), prefix));
            keys.putAll(EnvironmentSettings.knownKeys(properties, prefix));
            keys.putAll(properties.getProperties(prefix, StringConvention.RAW));
        }
        try {
            return ParticipantConfig.from(keys);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("participant " + name + " (" + describe(methods) + "): "
                    + e.getMessage() + " (from the properties " + PREFIX + "." + name + ".* over " + DEFAULTS
                    + ".*, e.g. " + PREFIX + "." + name + "." + ParticipantConfig.BOOTSTRAP_SERVERS + ")", e);
        }
    }

    private Participant start(String name, ParticipantConfig config, Iterable<HandlerMethod> methods) {
        Participant.Builder builder = Participant.named(name).config(config);
        for (HandlerMethod method : methods) {
            method.register(builder, context.getBean(method.bean()));
        }
        Participant participant = builder.start();
        log.info("started participant {} ({})", name, describe(methods));
        return participant;
    }

    private static String describe(Iterable<HandlerMethod> methods) {
        List<String> names = new ArrayList<>();
        methods.forEach(m -> names.add(m.commandType() + " -> " + m.describe()));
        return names.stream().collect(Collectors.joining(", "));
    }

    /** The participants started, in start order. */
    public synchronized List<Participant> participants() {
        return List.copyOf(running);
    }

    /** Closes the participants in reverse start order; each waits up to its {@code shutdown.timeout}. */
    @PreDestroy
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            Participant participant = running.get(i);
            try {
                participant.close();
                log.info("closed participant {} ({})", participant.name(), participant.state());
            } catch (RuntimeException e) {
                log.warn("participant {} did not close cleanly", participant.name(), e);
            }
        }
        running.clear();
    }
}
