package dev.skald.conductor.internal;

/** The bridge's stores cannot be read right now (it is starting or rebalancing): try again shortly. */
final class BridgeUnavailableException extends RuntimeException {
    BridgeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
