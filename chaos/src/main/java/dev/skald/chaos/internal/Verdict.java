package dev.skald.chaos.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the audit of a chaos run found.
 *
 * @param sagas              sagas the run started
 * @param ended              sagas with an outcome
 * @param byStatus           how many ended with each status
 * @param lost               sagas without an outcome, each with what its orchestrator says of it
 * @param duplicateCommands  command ids committed more than once on a command topic (a few examples)
 * @param duplicateCommandCount how many command ids were committed more than once
 * @param duplicateReplies   command ids replied to more than once (a few examples)
 * @param duplicateReplyCount how many command ids were replied to more than once
 * @param duplicateOutcomes  sagas with more than one committed outcome (a few examples)
 * @param duplicateOutcomeCount how many sagas had more than one committed outcome
 * @param violations         broken invariants of the services' effects (a few examples)
 * @param violationCount     how many sagas broke an invariant
 * @param money              charged, refunded and the completed orders' total
 * @param stock              units reserved, released and the completed orders' units
 * @param shipments          shipments created, cancelled and completed orders
 * @param waitsFired         sagas whose durable wait fired (their shipping command was sent)
 * @param restMismatches     sagas whose REST status differs from their outcome (a few examples)
 * @param commands           commands read
 * @param replies            replies read
 * @param unanswered         commands without a committed reply once the participants consumed every command, by
 *                           command type and kind
 */
public record Verdict(int sagas, int ended, java.util.Map<String, Integer> byStatus, List<String> lost,
                      List<String> duplicateCommands, int duplicateCommandCount, List<String> duplicateReplies,
                      int duplicateReplyCount, List<String> duplicateOutcomes, int duplicateOutcomeCount,
                      List<String> violations, int violationCount, Ledger money, Ledger stock, Ledger shipments,
                      int waitsFired, List<String> restMismatches, int commands, int replies, List<String> unanswered) {

    /**
     * A balance of effects: what was done, what was undone, and what the completed sagas account for.
     *
     * @param done      total done
     * @param undone    total undone
     * @param completed what the completed sagas account for
     */
    public record Ledger(BigDecimal done, BigDecimal undone, BigDecimal completed) {
        /** Whether done minus undone equals what the completed sagas account for. */
        public boolean balances() {
            return done.subtract(undone).compareTo(completed) == 0;
        }
    }

    /** Whether nothing was lost, nothing done twice, and every invariant holds. */
    public boolean passed() {
        return lost.isEmpty() && duplicateCommandCount == 0 && duplicateReplyCount == 0 && duplicateOutcomeCount == 0
                && violationCount == 0 && money.balances() && stock.balances() && shipments.balances()
                && restMismatches.isEmpty() && unanswered.isEmpty();
    }
}
