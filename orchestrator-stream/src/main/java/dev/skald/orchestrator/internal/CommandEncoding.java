package dev.skald.orchestrator.internal;

import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.SkaldTopics;
import dev.skald.schemas.JsonRecords;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How commands are written: Avro, except to the command topics of the participants configured for Skald's plain JSON
 * encoding ({@code skald.json-participants}).
 */
final class CommandEncoding {

    private CommandEncoding() {
    }

    static Serializer<SagaCommand> serializer(Serializer<SagaCommand> avro, Set<String> jsonParticipants,
                                              SkaldTopics topics) {
        if (jsonParticipants.isEmpty()) {
            return avro;
        }
        Set<String> jsonTopics = jsonParticipants.stream().map(topics::commands).collect(Collectors.toUnmodifiableSet());
        Serializer<SagaCommand> json = JsonRecords.serializer();
        return (topic, command) -> jsonTopics.contains(topic) ? json.serialize(topic, command)
                : avro.serialize(topic, command);
    }
}
