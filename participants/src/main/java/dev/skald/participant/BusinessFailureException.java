package dev.skald.participant;

/**
 * Thrown by a handler to fail its step for a business reason (card declined, out of stock): the participant replies
 * {@code BUSINESS_FAILURE} with this message, the step is not retried, and the saga compensates. Equivalent to
 * returning {@link Reply#failure(String)}.
 */
public class BusinessFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BusinessFailureException(String message) {
        super(message);
    }

    public BusinessFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
