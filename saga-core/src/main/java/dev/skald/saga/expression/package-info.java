/**
 * Expressions in definitions: {@code ${...}} references in input and output mappings, and {@code when} conditions.
 *
 * <p>A reference names a root and a path:
 * <ul>
 *   <li>{@code ${input.order.total}}: the saga input ({@code ${workflow.input...}} is the Conductor spelling);</li>
 *   <li>{@code ${reserve.output.reservationId}}, {@code ${reserve.input.sku}}: a step's output or resolved input;</li>
 *   <li>{@code ${saga.id}}, {@code ${saga.correlationKey}} ({@code ${workflow.workflowId}},
 *       {@code ${workflow.correlationId}}): saga metadata.</li>
 * </ul>
 * Paths use dots for fields and {@code [n]} for array elements. A string that is exactly one reference keeps the
 * referenced value's type (an object stays an object, a number a number); a reference inside a longer string is
 * spliced in as text. A path that leads nowhere yields {@code null} (spliced as an empty string), as in Conductor.
 *
 * <p>Conditions combine references and literals with {@code == != < <= > >= && || !} and parentheses, for example
 * {@code ${input.amount} > 100 && ${input.country} != 'US'}. A condition holds only when it evaluates to
 * {@code true}.
 */
package dev.skald.saga.expression;
