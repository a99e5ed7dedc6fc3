/** The implementation of the http executor; not for use outside this module. */
package dev.skald.participant.http.internal;
