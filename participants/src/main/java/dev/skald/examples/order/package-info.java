/**
 * Order fulfillment: the {@link dev.skald.examples.order.OrderSaga} definition and its four participants,
 * inventory (reserve and release stock), payment (charge and refund), shipping (create and cancel shipments) and
 * notification. Each keeps its state in memory, so a compensation really undoes something and
 * {@link dev.skald.examples.order.OrderServices#invariantViolations} can check that a rolled-back order kept no
 * payment, no stock and no shipment.
 */
package dev.skald.examples.order;
