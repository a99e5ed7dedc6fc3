/**
 * The saga model: immutable definitions of sagas and their steps, and their validation.
 *
 * <p>A {@link dev.skald.saga.definition.SagaDefinition} is plain data. It can be written three ways, which all
 * produce the same model: the type-state Java builder ({@link dev.skald.saga.definition.Saga#named(String)}),
 * native JSON or YAML documents ({@link dev.skald.saga.format.SagaDocuments}) and Conductor workflow definitions
 * ({@link dev.skald.saga.format.ConductorWorkflows}). Every route ends in
 * {@link dev.skald.saga.definition.SagaDefinitions#requireValid(SagaDefinition)}, which reports every problem at
 * once, each with its place.
 */
package dev.skald.saga.definition;
