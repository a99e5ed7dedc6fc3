package dev.skald.participant.spring.internal;

import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.spring.ParticipantSetupException;
import dev.skald.participant.spring.SkaldParticipantsProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A participant's configuration from the properties: {@code skald.participants.<name>.*} over the defaults. */
public final class ParticipantSettings {
    private ParticipantSettings() {
    }

    /** The keys of participant {@code name}: the defaults, then its own keys over them. */
    public static Map<String, Object> keys(String name, SkaldParticipantsProperties properties) {
        Map<String, Object> keys = new LinkedHashMap<>(properties.participant());
        String prefix = name + ".";
        properties.participants().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                keys.put(key.substring(prefix.length()), value);
            }
        });
        return keys;
    }

    /**
     * The configuration of participant {@code name}, whose handlers are {@code methods}.
     *
     * @throws ParticipantSetupException naming the participant and its methods if the keys are invalid
     */
    public static ParticipantConfig config(String name, List<HandlerMethod> methods,
                                           SkaldParticipantsProperties properties) {
        try {
            return ParticipantConfig.from(keys(name, properties));
        } catch (IllegalArgumentException e) {
            String own = SkaldParticipantsProperties.PREFIX + "." + name;
            throw new ParticipantSetupException("participant " + name + " (" + describe(methods) + "): "
                    + e.getMessage() + " (from the properties " + own + ".* over "
                    + SkaldParticipantsProperties.DEFAULTS + ".*)",
                    "Set the participant's keys in application.yml, e.g. " + own + "."
                            + ParticipantConfig.BOOTSTRAP_SERVERS + " or, for every participant, "
                            + SkaldParticipantsProperties.DEFAULTS + "." + ParticipantConfig.BOOTSTRAP_SERVERS
                            + "; the keys are those of ParticipantConfig.SETTINGS (docs/participants.md).", e);
        }
    }

    /** {@code ReserveStock -> com.acme.Inventory.reserve(ReserveStock, CommandContext) of bean 'inventory', ...}. */
    public static String describe(List<HandlerMethod> methods) {
        return methods.stream().map(m -> m.commandType() + " -> " + m.describe()).collect(Collectors.joining(", "));
    }
}
