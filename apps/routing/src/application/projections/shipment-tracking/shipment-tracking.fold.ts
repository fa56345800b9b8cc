// The tracking of one order's shipment as a PURE function of the *set* of routing's events about the
// order (docs/patterns/cqrs.md). The projection stores each event once, by id, and recomputes the row
// with this fold, so a duplicate adds nothing and the order events arrive in cannot change the answer.
//
// Why a fold over a set rather than a status rank merged field by field: ShipmentCancelled names only
// the order, and routing answers one even when the order has no shipment yet (CancelShipmentHandler:
// the saga's PlanRoute may still be on its way). Such a cancellation cancels nothing, and only the
// whole set can tell: a cancellation counts when it happened at or after the route was planned. A rank
// merge would let "CANCELLED" win over a shipment that is in fact waiting at the depot.
import { RoutePlanned, ShipmentCancelled, ShipmentDelivered, ShipmentDispatched, type Envelope, type PayloadOf } from '@waybill/contracts';
import type { ShipmentStatus } from '@waybill/routing-domain';

/** An event of the view, as stored: enough of the envelope to fold. */
export type TrackedEvent = Pick<Envelope, 'id' | 'type' | 'occurredAt' | 'payload'>;

export interface ShipmentTracking {
  shipmentId: string;
  orderId: string;
  status: ShipmentStatus;
  route: string[];
  distanceKm: number;
  etaMinutes: number;
  /** When each step happened (the events' occurredAt); absent for a step not taken. */
  plannedAt: string;
  dispatchedAt?: string;
  deliveredAt?: string;
  cancelledAt?: string;
}

/** The shipment the events tell of, or undefined while its RoutePlanned is unknown: there is nothing to track before that. */
export function trackShipment(events: readonly TrackedEvent[]): ShipmentTracking | undefined {
  // Earliest first, ties broken by id: "the first X" is then the same for any arrival order.
  const history = [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.id.localeCompare(b.id));
  // The first RoutePlanned is the planning; a later one is routing answering a repeated PlanRoute with the same shipment.
  const planned = history.find((event) => event.type === RoutePlanned.type);
  if (!planned) return undefined;
  const { shipmentId, orderId, route, distanceKm, etaMinutes } = planned.payload as PayloadOf<typeof RoutePlanned>;

  const firstOf = (type: string, counts: (event: TrackedEvent) => boolean = () => true) =>
    history.find((event) => event.type === type && counts(event))?.occurredAt;
  const ofThisShipment = (event: TrackedEvent) => (event.payload as { shipmentId?: string }).shipmentId === shipmentId;

  const dispatchedAt = firstOf(ShipmentDispatched.type, ofThisShipment);
  const deliveredAt = firstOf(ShipmentDelivered.type, ofThisShipment);
  // The aggregate refuses to cancel a shipment that has left (Shipment.cancel), so beside a dispatch or a
  // delivery a cancellation can only be one answered before the shipment existed.
  const leftTheDepot = dispatchedAt !== undefined || deliveredAt !== undefined;
  const cancelledAt = leftTheDepot ? undefined : firstOf(ShipmentCancelled.type, (event) => Date.parse(event.occurredAt) >= Date.parse(planned.occurredAt));

  // The state machine decides, not the last event: the furthest step along the road wins.
  const status: ShipmentStatus = deliveredAt ? 'DELIVERED' : dispatchedAt ? 'DISPATCHED' : cancelledAt ? 'CANCELLED' : 'PLANNED';
  return {
    shipmentId,
    orderId,
    status,
    route,
    distanceKm,
    etaMinutes,
    plannedAt: planned.occurredAt,
    ...(dispatchedAt && { dispatchedAt }),
    ...(deliveredAt && { deliveredAt }),
    ...(cancelledAt && { cancelledAt }),
  };
}
