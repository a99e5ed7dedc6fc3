package dev.skald.participant.micronaut;

import jakarta.inject.Singleton;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class a singleton bean whose {@link HandlesCommand} methods are the handlers of the participant
 * {@link #value()}. At startup one {@link dev.skald.participant.Participant} is built per name from the handler
 * methods of every bean with that name, configured by the properties {@code skald.participants.<name>.*} over the
 * shared defaults {@code skald.participant.*}, and started; it is closed when the application context closes.
 *
 * <pre>{@code
 * @SkaldParticipant("inventory")
 * class InventoryHandlers {
 *     @HandlesCommand("ReserveStock")
 *     Reply reserve(ReserveStock command, CommandContext context) { ... }
 *
 *     @HandlesCommand("ReleaseStock")
 *     Reply release(ReleaseStock command) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Singleton
public @interface SkaldParticipant {

    /** The participant's name, as in the saga definitions; it consumes {@code skald.commands.<name>}. */
    String value();
}
