package dev.skald.participant.spring.internal;

import dev.skald.participant.spring.ParticipantSetupException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link ParticipantSetupException} that stopped the application: what is wrong, and what to do. */
public final class ParticipantSetupFailureAnalyzer extends AbstractFailureAnalyzer<ParticipantSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ParticipantSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
