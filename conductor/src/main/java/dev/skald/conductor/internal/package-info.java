/** The implementation behind the Conductor API; not for use outside this module. */
package dev.skald.conductor.internal;
