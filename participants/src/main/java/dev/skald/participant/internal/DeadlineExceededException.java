package dev.skald.participant.internal;

/** A handler call ran past {@code handler.timeout}: it was interrupted, and its command is answered as a retry. */
final class DeadlineExceededException extends Exception {
    private static final long serialVersionUID = 1L;

    DeadlineExceededException(String message) {
        super(message);
    }
}
