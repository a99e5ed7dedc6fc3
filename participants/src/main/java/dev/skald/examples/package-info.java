/**
 * Example participant services built on the SDK, with real local state and failure injection: order fulfillment
 * ({@link dev.skald.examples.order}) and user onboarding ({@link dev.skald.examples.onboarding}).
 * {@link dev.skald.examples.ExampleServices} runs them as a process.
 */
package dev.skald.examples;
