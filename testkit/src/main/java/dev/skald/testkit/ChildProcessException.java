package dev.skald.testkit;

/**
 * A child process did not do what a test waited for: it exited, or it did not print an expected line in time. The
 * message ends with the last lines of its output and the path of its full log.
 */
public class ChildProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChildProcessException(String message) {
        super(message);
    }

    public ChildProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
