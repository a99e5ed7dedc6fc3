package dev.skald.participant;

/**
 * A participant's counters since it started, read from its Micrometer meters (see docs/participants.md).
 *
 * @param handled             commands whose handler ran and whose reply was committed
 * @param succeeded           of those, successes
 * @param businessFailures    of those, business failures
 * @param retriableFailures   of those, transient failures
 * @param duplicates          redelivered commands answered with their stored reply, without running the handler
 * @param deadLetters         records sent to the dead-letter topic
 * @param abortedTransactions batches rolled back and handled again
 * @param handlerCalls        handler calls, including those whose transaction was rolled back
 * @param indexedReplies      replies held in memory now to answer redeliveries
 */
public record ParticipantStats(long handled, long succeeded, long businessFailures, long retriableFailures,
                               long duplicates, long deadLetters, long abortedTransactions, long handlerCalls,
                               long indexedReplies) {
}
