/** The participant runtime behind {@link dev.skald.participant.Participant}; not an API. */
package dev.skald.participant.internal;
