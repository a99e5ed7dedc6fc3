package dev.skald.saga.internal;

import dev.skald.saga.definition.StepKind;
import java.time.Duration;

/** The response timeout an attempt runs under: the one its definition names, or the default. */
final class ResponseTimeouts {
    private ResponseTimeouts() {
    }

    static Duration of(Duration declared) {
        return declared == null ? StepKind.DEFAULT_RESPONSE_TIMEOUT : declared;
    }
}
