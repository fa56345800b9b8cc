// Domain events → integration events (STYLE.md rule 7): what happened to an order, in the domain's
// words, becomes the public facts of @waybill/contracts, written to the outbox in the same transaction.
import { OrderCancelled, OrderConfirmed, OrderDelivered, OrderDispatched, OrderPlaced, OrderRejected, type Causation, type Envelope } from '@waybill/contracts';
import type { Order, OrderEvent } from '@waybill/orders-domain';
import { addToOutbox } from '@waybill/outbox';
import type { EntityManager } from 'typeorm';

export async function publishOrderEvents(transaction: EntityManager, order: Order, events: OrderEvent[], cause: Causation): Promise<void> {
  const { orderId, customerId, lines, destination, shipment } = order.snapshot();
  for (const event of events) {
    const envelope = ((): Envelope => {
      switch (event.type) {
        case 'OrderPlaced':
          return OrderPlaced.create({ orderId, customerId, lines, destination }, cause);
        case 'OrderConfirmed':
          return OrderConfirmed.create({ orderId, customerId, distanceKm: shipment!.distanceKm, etaMinutes: shipment!.etaMinutes }, cause);
        case 'OrderRejected':
          return OrderRejected.create({ orderId, customerId, reason: event.reason }, cause);
        case 'OrderCancelled':
          return OrderCancelled.create({ orderId, customerId }, cause);
        case 'OrderDispatched':
          return OrderDispatched.create({ orderId, customerId }, cause);
        case 'OrderDelivered':
          return OrderDelivered.create({ orderId, customerId }, cause);
      }
    })();
    await addToOutbox(transaction, { envelope, key: orderId });
  }
}
