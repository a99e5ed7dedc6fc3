/** The implementation of the jq executor; not for use outside this module. */
package dev.skald.participant.jq.internal;
