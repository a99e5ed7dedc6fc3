/** The implementation of the Spring starter: handler discovery, settings, failure analysis. */
package dev.skald.participant.spring.internal;
