package dev.skald.participant.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link SkaldParticipant} bean as the handler of a command type, for an action or a
 * compensation alike. The method is {@code Reply name(T payload, CommandContext context)} or
 * {@code Reply name(T payload)}, of any visibility; the command's JSON payload is mapped to {@code T} (a record, a
 * class, {@code Map}, or {@code JsonNode}), and what it returns or throws decides the reply as for a
 * {@link dev.skald.participant.CommandHandler}. A command type has one handler per participant; a second one, or
 * another signature, fails the application's startup with a {@link ParticipantSetupException} naming the bean and
 * the method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HandlesCommand {

    /** The command type, as in the saga definition's {@code call(participant, commandType)}. */
    String value();
}
