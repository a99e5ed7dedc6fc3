/** The orchestrator's implementation. Not an API. */
package dev.skald.orchestrator.internal;
