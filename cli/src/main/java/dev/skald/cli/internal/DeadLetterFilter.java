package dev.skald.cli.internal;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which dead letters a command acts on; a null criterion matches everything.
 *
 * @param sagaId         the saga id (exact)
 * @param kind           the {@code skald.dlq.kind} (case-insensitive)
 * @param reasonContains text the {@code skald.dlq.reason} contains (case-insensitive)
 */
public record DeadLetterFilter(String sagaId, String kind, String reasonContains) implements Predicate<DeadLetter> {
    /** Matches every dead letter. */
    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null);

    /** Whether no criterion is set. */
    public boolean matchesAll() {
        return sagaId == null && kind == null && reasonContains == null;
    }

    @Override
    public boolean test(DeadLetter letter) {
        return (sagaId == null || sagaId.equals(letter.sagaId()))
                && (kind == null || kind.equalsIgnoreCase(letter.kind()))
                && (reasonContains == null || letter.reason() != null && letter.reason().toLowerCase(Locale.ROOT)
                        .contains(reasonContains.toLowerCase(Locale.ROOT)));
    }
}
