package dev.skald.saga.format;

import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.SagaDefinitions;
import dev.skald.saga.definition.StepKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The problems found while reading one document, in the order found. Structural problems (types, unknown and missing
 * fields) come first; the semantic ones {@link SagaDefinitions#validate} finds in the built definition are merged
 * after them, except where a structural problem already covers the place.
 */
final class Problems {
    /**
     * Stands in for the kind of a step that cannot be read (an unknown or unsupported type), so that semantic
     * validation of the other steps still runs: validation finds nothing wrong with it. It never leaves a reader,
     * since the problem that made it necessary is always reported.
     */
    static final StepKind PLACEHOLDER_KIND = new StepKind.Wait(Duration.ofMillis(1));

    private final List<Problem> found = new ArrayList<>();

    /** Records a problem; an identical problem found twice (a shared task definition, say) is kept once. */
    void add(String place, String message) {
        Problem problem = new Problem(place, message);
        if (!found.contains(problem)) {
            found.add(problem);
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * The definition, once semantic validation of it has run and nothing is wrong.
     *
     * @param built     the definition read from the document, or null when the document was too broken to build one
     * @param subject   what the exception message names ({@code JSON saga document 'order'})
     * @param translate maps the places of semantic problems into the document's own terms
     * @throws InvalidDefinitionException listing every problem
     */
    SagaDefinition requireValid(SagaDefinition built, String subject, UnaryOperator<Problem> translate) {
        if (built != null) {
            SagaDefinitions.validate(built).stream().map(translate).filter(this::isNotCovered)
                    .forEach(p -> add(p.place(), p.message()));
        }
        if (!found.isEmpty()) {
            throw new InvalidDefinitionException(subject, found);
        }
        return built;
    }

    /** A semantic problem is covered when a structural one was found at its place or above it. */
    private boolean isNotCovered(Problem semantic) {
        return found.stream().map(Problem::place).noneMatch(place -> isAtOrBelow(semantic.place(), place));
    }

    private static boolean isAtOrBelow(String place, String ancestor) {
        return place.equals(ancestor) || place.startsWith(ancestor + ".") || place.startsWith(ancestor + "[");
    }
}
