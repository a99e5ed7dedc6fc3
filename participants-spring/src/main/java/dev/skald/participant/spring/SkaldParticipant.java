package dev.skald.participant.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the {@link HandlesCommand} methods of a bean the handlers of the participant {@link #value()}. The class is
 * a bean as usual ({@code @Component}, {@code @Service}, or a {@code @Bean} method): this annotation does not make
 * it one, so that beans sharing a participant name keep their own bean names. Once the application context is
 * refreshed, one {@link dev.skald.participant.Participant} is built per name from the handler methods of every
 * singleton bean with that name, configured by the properties {@code skald.participants.<name>.*} over the shared
 * defaults {@code skald.participant.*}, and started; it is closed when the context closes.
 *
 * <pre>{@code
 * @Component
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
public @interface SkaldParticipant {

    /** The participant's name, as in the saga definitions; it consumes {@code skald.commands.<name>}. */
    String value();
}
