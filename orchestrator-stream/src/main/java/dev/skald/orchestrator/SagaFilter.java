package dev.skald.orchestrator;

import dev.skald.saga.machine.SagaStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Which sagas {@link SagaQueries#sagas(SagaFilter, int)} lists: {@code SagaFilter.all()}, or narrowed at the call
 * site, {@code SagaFilter.all().definition("order").status(SagaStatus.FAILED)}.
 */
public final class SagaFilter {
    private static final SagaFilter ALL = new SagaFilter(null, null);

    private final String definition;
    private final SagaStatus status;

    private SagaFilter(String definition, SagaStatus status) {
        this.definition = definition;
        this.status = status;
    }

    /** Every saga. */
    public static SagaFilter all() {
        return ALL;
    }

    /** Only the sagas of this definition (any version). */
    public SagaFilter definition(String name) {
        return new SagaFilter(Objects.requireNonNull(name, "definition can't be null"), status);
    }

    /** Only the sagas in this status. */
    public SagaFilter status(SagaStatus wanted) {
        return new SagaFilter(definition, Objects.requireNonNull(wanted, "status can't be null"));
    }

    /** The definition the sagas must run, if narrowed. */
    public Optional<String> definition() {
        return Optional.ofNullable(definition);
    }

    /** The status the sagas must be in, if narrowed. */
    public Optional<SagaStatus> status() {
        return Optional.ofNullable(status);
    }

    /** Whether a saga of this definition in this status passes. */
    public boolean matches(String sagaDefinition, SagaStatus sagaStatus) {
        return (definition == null || definition.equals(sagaDefinition))
                && (status == null || status == sagaStatus);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SagaFilter f && Objects.equals(definition, f.definition) && status == f.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(definition, status);
    }

    @Override
    public String toString() {
        return "SagaFilter[definition=" + definition + ", status=" + status + "]";
    }
}
