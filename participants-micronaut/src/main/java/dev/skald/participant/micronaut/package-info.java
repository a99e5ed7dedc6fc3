/**
 * Participants as Micronaut beans: {@link dev.skald.participant.micronaut.SkaldParticipant} on a class,
 * {@link dev.skald.participant.micronaut.HandlesCommand} on its handler methods, and the properties
 * {@code skald.participants.<name>.*} (defaults under {@code skald.participant.*}). The participant SDK does the work;
 * this package only finds the handlers, reads the properties, and starts and closes the participants with the
 * application context ({@link dev.skald.participant.micronaut.ParticipantRegistrar}).
 */
package dev.skald.participant.micronaut;
