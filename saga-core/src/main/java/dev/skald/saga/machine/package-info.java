/**
 * The saga state machine: {@link dev.skald.saga.machine.SagaMachine#decide} folds inputs (a start, replies, timer
 * firings, control requests, external events) into a {@link dev.skald.saga.machine.SagaState} and says what to do
 * about each one in a {@link dev.skald.saga.machine.Decision}: commands to send, timers to set or cancel, events for
 * the saga's history.
 *
 * <p>The machine is pure and deterministic. It reads no clock ({@code now} is given with each input), holds no
 * state between calls and performs no I/O, so a lost store is rebuilt by folding the same inputs again, which yields
 * the same decisions and the same command ids. Every status change goes through the table in
 * {@link dev.skald.saga.machine.Transitions}.
 */
package dev.skald.saga.machine;
