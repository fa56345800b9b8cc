// Domain events → integration events (STYLE.md rule 7): what happened to an order, in the domain's
// words, becomes the public facts of @waybill/contracts, written to the outbox in the same transaction.
import { OrderCancelled, OrderConfirmed, OrderDelivered, OrderDispatched, OrderPlaced, OrderRejected, type Causation, type Envelope } from '@waybill/contracts';
import type { Order, OrderEvent } from '@waybill/orders-domain';
import { addToOutbox } from '@waybill/outbox';
import type { EntityManager } from 'typeorm';

/**
 * Returns the envelopes written, for the caller to apply to the order view in the same transaction
 * (read-your-writes). The caller does it, not this function, so the provider pact can run this without
 * a database (orders-messages.provider-pact.spec.ts).
 */
export async function publishOrderEvents(transaction: EntityManager, order: Order, events: OrderEvent[], cause: Causation): Promise<Envelope[]> {
  const { orderId, customerId, lines, destination, shipment } = order.snapshot();
  const envelopes: Envelope[] = [];
  for (const event of events) {
    // The fact happened when the domain says it did: the order view's history and placedAt show that time.
    const options = { occurredAt: event.at };
    const envelope = ((): Envelope => {
      switch (event.type) {
        case 'OrderPlaced':
          return OrderPlaced.create({ orderId, customerId, lines, destination }, cause, options);
        case 'OrderConfirmed':
          return OrderConfirmed.create({ orderId, customerId, distanceKm: shipment!.distanceKm, etaMinutes: shipment!.etaMinutes }, cause, options);
        case 'OrderRejected':
          return OrderRejected.create({ orderId, customerId, reason: event.reason }, cause, options);
        case 'OrderCancelled':
          return OrderCancelled.create({ orderId, customerId }, cause, options);
        case 'OrderDispatched':
          return OrderDispatched.create({ orderId, customerId }, cause, options);
        case 'OrderDelivered':
          return OrderDelivered.create({ orderId, customerId }, cause, options);
      }
    })();
    await addToOutbox(transaction, { envelope, key: orderId });
    envelopes.push(envelope);
  }
  return envelopes;
}
