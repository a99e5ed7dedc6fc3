package dev.skald.cli.internal;

import dev.skald.saga.format.Printable;
import dev.skald.orchestrator.SkaldTopics;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The topics a redrive may write to: Skald's input topics ({@link SkaldTopics#inputs()}), and the topics the
 * operator names with {@code --allow-topic}. A dead letter names its own target in its {@code skald.dlq.topic}
 * header, which anyone who can write to the dead-letter topic controls: the redrive refuses every other topic.
 *
 * @param inputs  the orchestrator's input topics
 * @param allowed the topics named with {@code --allow-topic}
 */
public record RedriveTargets(Set<String> inputs, Set<String> allowed) {
    public RedriveTargets {
        inputs = Set.copyOf(Objects.requireNonNull(inputs, "inputs can't be null"));
        allowed = Set.copyOf(Objects.requireNonNull(allowed, "allowed can't be null"));
    }

    /** Skald's input topics under these names, and the topics named with {@code --allow-topic}. */
    public static RedriveTargets of(SkaldTopics topics, Collection<String> allowed) {
        return new RedriveTargets(Set.copyOf(topics.inputs()), Set.copyOf(allowed));
    }

    /** Why a redrive must not write to {@code topic}; empty when it may. */
    public Optional<String> refusal(String topic) {
        if (inputs.contains(topic) || allowed.contains(topic)) {
            return Optional.empty();
        }
        return Optional.of("skald.dlq.topic " + Printable.quoted(topic) + " is not one of Skald's input topics; "
                + "re-drive to it only by naming it with --allow-topic");
    }
}
