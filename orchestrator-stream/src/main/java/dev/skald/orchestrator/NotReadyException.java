package dev.skald.orchestrator;

/** Thrown when a store cannot be queried yet (the instance is starting or rebalancing); try again shortly. */
public final class NotReadyException extends RuntimeException {
    public NotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
