/**
 * Participants as Spring beans: {@link dev.skald.participant.spring.SkaldParticipant} on a bean class,
 * {@link dev.skald.participant.spring.HandlesCommand} on its handler methods, and the properties
 * {@code skald.participants.<name>.*} (defaults under {@code skald.participant.*}). The participant SDK does the work;
 * the auto-configuration ({@link dev.skald.participant.spring.SkaldParticipantsAutoConfiguration}) finds the
 * handlers, reads the properties, starts the participants once the context is refreshed and closes them with it
 * ({@link dev.skald.participant.spring.SkaldParticipants}), and adds an Actuator health indicator.
 */
package dev.skald.participant.spring;
