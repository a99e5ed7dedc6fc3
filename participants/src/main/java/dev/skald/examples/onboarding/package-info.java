/**
 * User onboarding, the Conductor seed workflow {@code user_onboarding_workflow} run by Skald: its definition
 * ({@link dev.skald.examples.onboarding.OnboardingSaga}, converted from the Conductor JSON) and its three
 * participants, named after the Conductor tasks, each handling the command type of the same name.
 */
package dev.skald.examples.onboarding;
