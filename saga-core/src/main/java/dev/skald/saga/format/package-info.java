/**
 * Saga definitions as documents: native JSON and YAML ({@link dev.skald.saga.format.SagaDocuments}) and Netflix
 * Conductor workflow definitions ({@link dev.skald.saga.format.ConductorWorkflows}).
 *
 * <p>Both read a document into a validated {@link dev.skald.saga.definition.SagaDefinition}, or throw an
 * {@link dev.skald.saga.definition.InvalidDefinitionException} listing every problem at once, each at its place in
 * the document: malformed text (with line and column), wrong types, unknown fields (with the field probably meant),
 * missing fields, unsupported features, and what {@link dev.skald.saga.definition.SagaDefinitions#validate} finds in
 * the result. The reference is {@code docs/definitions.md}.
 */
package dev.skald.saga.format;
