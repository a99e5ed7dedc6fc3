package dev.skald.participant.spring;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The participants' configuration, with the keys of participants-micronaut: every key of
 * {@link dev.skald.participant.ParticipantConfig#SETTINGS} under {@code skald.participants.<name>.} for the
 * participant {@code <name>} or under {@code skald.participant.} for all of them; the participant's own value wins.
 *
 * <pre>{@code
 * skald:
 *   participant:
 *     bootstrap.servers: kafka-1:9092
 *   participants:
 *     inventory:
 *       instance.id: ${HOSTNAME}
 *       kafka.security.protocol: SASL_SSL
 * }</pre>
 *
 * @param participant  the defaults, by key ({@code bootstrap.servers}, {@code kafka.security.protocol}...)
 * @param participants the participants' own keys, as {@code <name>.<key>}, and the toggles {@code enabled} and
 *                     {@code health.enabled}
 */
@ConfigurationProperties(prefix = "skald")
public record SkaldParticipantsProperties(Map<String, String> participant, Map<String, String> participants) {

    /** The properties of participant {@code <name>}: {@code skald.participants.<name>.<key>}. */
    public static final String PREFIX = "skald.participants";
    /** Defaults shared by every participant: {@code skald.participant.<key>}. */
    public static final String DEFAULTS = "skald.participant";

    public SkaldParticipantsProperties {
        participant = participant == null ? Map.of() : Map.copyOf(participant);
        participants = participants == null ? Map.of() : Map.copyOf(participants);
    }
}
