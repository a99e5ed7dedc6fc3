package dev.skald.examples.onboarding;

import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.ConductorWorkflows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The user onboarding saga: the Conductor workflow {@code user_onboarding_workflow} (create the account, send the
 * verification email, set up notification preferences), converted by {@link ConductorWorkflows}. Each Conductor
 * task becomes a step whose participant and command type are the task's name. Input:
 * {@code {"email": "...", "name": "...", "phone": "..."}}.
 */
public final class OnboardingSaga {
    /** The definition's name, as in the Conductor workflow. */
    public static final String NAME = "user_onboarding_workflow";
    private static final String RESOURCE = "/dev/skald/examples/onboarding/user_onboarding_workflow.json";

    private OnboardingSaga() {
    }

    /** The Conductor workflow as it was written. */
    public static String conductorJson() {
        try (InputStream in = OnboardingSaga.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The saga definition converted from it. */
    public static SagaDefinition definition() {
        return ConductorWorkflows.fromJson(conductorJson());
    }
}
