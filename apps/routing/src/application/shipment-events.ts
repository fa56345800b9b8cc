// Domain events become integration events here (STYLE.md rule 7): what the Shipment aggregate recorded
// is turned into the contracts other services read, and written to the outbox in the transaction that
// changed the shipment, so the change and its message commit together or not at all
// (docs/patterns/outbox.md). Keyed by the order id: one order's messages stay in order.
//
// Both writers return what they wrote: the caller applies it to routing's own views in the same
// transaction (ReadModels.projectNow, read-your-writes). That step stays in the handlers, so the provider
// pact spec can run these against its fake outbox transaction alone.
import { RoutePlanned, ShipmentCancelled, ShipmentDelivered, ShipmentDispatched, type Causation, type Envelope } from '@waybill/contracts';
import { addToOutbox } from '@waybill/outbox';
import type { Shipment, ShipmentEvent } from '@waybill/routing-domain';
import type { EntityManager } from 'typeorm';

export function integrationEventOf(event: ShipmentEvent, cause: Causation): Envelope<{ orderId: string }> {
  const { shipmentId, orderId } = event;
  switch (event.type) {
    case 'ShipmentPlanned': {
      const { cities, distanceKm, etaMinutes } = event.route;
      return RoutePlanned.create({ orderId, shipmentId, route: [...cities], distanceKm, etaMinutes }, cause);
    }
    case 'ShipmentDispatched':
      return ShipmentDispatched.create({ orderId, shipmentId }, cause);
    case 'ShipmentDelivered':
      return ShipmentDelivered.create({ orderId, shipmentId }, cause);
    case 'ShipmentCancelled':
      return ShipmentCancelled.create({ orderId }, cause);
  }
}

/** Writes what `shipment` recorded since it was loaded to the outbox, as integration events. */
export function publishShipmentEvents(transaction: EntityManager, shipment: Shipment, cause: Causation): Promise<Envelope[]> {
  return publish(transaction, ...shipment.pullEvents().map((event) => integrationEventOf(event, cause)));
}

/** Writes messages to the outbox, each keyed by its order. */
export async function publish(transaction: EntityManager, ...envelopes: Envelope<{ orderId: string }>[]): Promise<Envelope[]> {
  await addToOutbox(transaction, ...envelopes.map((envelope) => ({ envelope, key: envelope.payload.orderId })));
  return envelopes;
}
