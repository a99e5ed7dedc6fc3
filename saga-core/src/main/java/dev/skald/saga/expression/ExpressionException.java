package dev.skald.saga.expression;

/** An expression that cannot be parsed; the message says what and at which character. */
public final class ExpressionException extends RuntimeException {
    public ExpressionException(String message) {
        super(message);
    }
}
