package dev.skald.participant.spring;

/**
 * Why the participants could not be set up: a handler method of another signature, two handlers of one command
 * type, a {@link HandlesCommand} method outside a {@link SkaldParticipant} bean, an invalid configuration, or a
 * participant that could not start. The message names the participant, the bean and the method(s); Spring Boot's
 * failure analysis prints it with {@link #action()}.
 */
public class ParticipantSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String action;

    /** A setup error with its message and what to do about it. */
    public ParticipantSetupException(String message, String action) {
        this(message, action, null);
    }

    /** A setup error with its message, what to do about it, and its cause. */
    public ParticipantSetupException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What to do about it, for Spring Boot's failure analysis. */
    public String action() {
        return action;
    }
}
