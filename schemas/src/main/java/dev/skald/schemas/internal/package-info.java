/**
 * Implementation of {@code dev.skald.schemas}: the registry clients, the wire framing and Avro's trusted-class
 * check. Not an API: other modules use the {@code dev.skald.schemas} package only.
 */
package dev.skald.schemas.internal;
