// The shipment-tracking view (docs/patterns/cqrs.md): one row per shipment, what `GET /shipments?orderId=`
// and `GET /shipments/{shipmentId}` answer, projected from routing.events. Routing applies its own events
// at once in the transaction that writes them (read-your-writes); the projector applies them again from
// Kafka, and a rebuild replays them all. Each of those must leave the same row, so:
//   - every event is stored once in shipment_tracking_events, by id (ON CONFLICT DO NOTHING);
//   - the row is recomputed from all of the order's stored events by a pure fold (shipment-tracking.fold.ts).
// The order is the unit, not the shipment: ShipmentCancelled carries only the order id.
import { RoutePlanned, ShipmentCancelled, ShipmentDelivered, ShipmentDispatched, Topics } from '@waybill/contracts';
import { addToEventSet, type Projection } from '@waybill/read-models';
import { trackShipment } from './shipment-tracking.fold';

export const SHIPMENT_TRACKING = 'shipment_tracking';
export const SHIPMENT_TRACKING_EVENTS = 'shipment_tracking_events';

/** RouteUnavailable is left out: no shipment was planned, so there is nothing to track (the order view says why). */
const TRACKED = new Set([RoutePlanned.type, ShipmentDispatched.type, ShipmentDelivered.type, ShipmentCancelled.type]);

export const shipmentTrackingProjection: Projection = {
  name: 'shipment-tracking',
  topics: [Topics.routing.events],
  tables: [SHIPMENT_TRACKING_EVENTS, SHIPMENT_TRACKING],

  async apply(view, event) {
    if (!TRACKED.has(event.type)) return;
    const { orderId } = event.payload as { orderId: string };
    const tracking = view.table(SHIPMENT_TRACKING);
    // All of an order's events share one partition of routing.events: writers need only take turns per order.
    const events = await addToEventSet(view, event, { table: SHIPMENT_TRACKING_EVENTS, keyColumn: 'order_id', key: orderId, serialise: 'per-key' });
    if (!events) return; // seen before: the row was recomputed with it then

    const shipment = trackShipment(events);
    if (!shipment) return; // its RoutePlanned has not come yet: the events wait, invisible, until it does

    await view.query(
      `INSERT INTO ${tracking} (order_id, shipment_id, status, route, distance_km, eta_minutes, planned_at, dispatched_at, delivered_at, cancelled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (order_id) DO UPDATE SET
         shipment_id = EXCLUDED.shipment_id, status = EXCLUDED.status, route = EXCLUDED.route, distance_km = EXCLUDED.distance_km,
         eta_minutes = EXCLUDED.eta_minutes, planned_at = EXCLUDED.planned_at, dispatched_at = EXCLUDED.dispatched_at,
         delivered_at = EXCLUDED.delivered_at, cancelled_at = EXCLUDED.cancelled_at`,
      [
        shipment.orderId,
        shipment.shipmentId,
        shipment.status,
        shipment.route,
        shipment.distanceKm,
        shipment.etaMinutes,
        shipment.plannedAt,
        shipment.dispatchedAt ?? null,
        shipment.deliveredAt ?? null,
        shipment.cancelledAt ?? null,
      ],
    );
  },
};
