package dev.skald.cli.internal;

/**
 * A failure the CLI reports in one sentence, without a stack trace, and exits with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
    /** The request was refused or failed: a wrong id, an invalid definition, a difference. */
    public static final int FAILED = 1;
    /** The API or the Kafka cluster could not be reached. */
    public static final int UNREACHABLE = 2;

    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A refused or failed request (exit code 1). */
    public static CliException failed(String message) {
        return new CliException(message, FAILED);
    }

    /** The exit code of the process. */
    public int exitCode() {
        return exitCode;
    }
}
