package dev.skald.saga.format;

/** What the Conductor readers share. */
final class Conductor {
    /** Conductor's only timeout policy with a Skald equivalent: a timed-out task or workflow fails. */
    private static final String TIME_OUT_WF = "TIME_OUT_WF";

    private Conductor() {
    }

    /** Reports a {@code timeoutPolicy} other than {@code TIME_OUT_WF}, which is what Skald does on a timeout. */
    static void acceptOnlyTimeOutWf(Fields owner) {
        owner.optional("timeoutPolicy", Values.TEXT).filter(policy -> !policy.equalsIgnoreCase(TIME_OUT_WF))
                .ifPresent(policy -> owner.problem("timeoutPolicy", "timeoutPolicy " + policy
                        + " is not supported by Skald: a timeout fails the step or saga, as TIME_OUT_WF does"));
    }

    /** Reports what is unsupported in a feature, in the words every such problem uses. */
    static String unsupported(String feature) {
        return feature + " is not supported by Skald";
    }
}
