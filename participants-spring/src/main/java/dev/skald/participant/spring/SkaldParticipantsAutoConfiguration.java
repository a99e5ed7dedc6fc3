package dev.skald.participant.spring;

import dev.skald.participant.spring.internal.HandlerMethodCollector;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the {@link SkaldParticipant} beans of the application as participants ({@link SkaldParticipants}),
 * configured by {@link SkaldParticipantsProperties}, with an Actuator health indicator
 * ({@link ParticipantsHealthIndicator}) when Actuator is on the classpath. Off when {@value #ENABLED} is
 * {@code false}; the health indicator is off when {@value #HEALTH_ENABLED} is {@code false}.
 */
@AutoConfiguration
@ConditionalOnProperty(name = SkaldParticipantsAutoConfiguration.ENABLED, havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(SkaldParticipantsProperties.class)
public class SkaldParticipantsAutoConfiguration {

    /** {@code false} leaves the annotated beans alone. */
    public static final String ENABLED = SkaldParticipantsProperties.PREFIX + ".enabled";
    /** {@code false} leaves the participants out of the health endpoint. */
    public static final String HEALTH_ENABLED = SkaldParticipantsProperties.PREFIX + ".health.enabled";

    /** Finds the handler methods as beans are created (static: a bean post-processor). */
    @Bean
    static HandlerMethodCollector skaldHandlerMethods() {
        return new HandlerMethodCollector();
    }

    @Bean
    SkaldParticipants skaldParticipants(HandlerMethodCollector skaldHandlerMethods,
                                        SkaldParticipantsProperties properties,
                                        ObjectProvider<MeterRegistry> meterRegistry) {
        return new SkaldParticipants(skaldHandlerMethods, properties, meterRegistry);
    }

    /** The health indicator, with Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnProperty(name = HEALTH_ENABLED, havingValue = "true", matchIfMissing = true)
    static class Health {
        @Bean
        ParticipantsHealthIndicator skaldParticipantsHealthIndicator(SkaldParticipants skaldParticipants) {
            return new ParticipantsHealthIndicator(skaldParticipants);
        }
    }
}
