// The shipment-tracking view (docs/patterns/cqrs.md): one row per shipment, what `GET /shipments?orderId=`
// and `GET /shipments/{shipmentId}` answer, projected from routing.events. Routing applies its own events
// at once in the transaction that writes them (read-your-writes); the projector applies them again from
// Kafka, and a rebuild replays them all. Each of those must leave the same row, so:
//   - every event is stored once in shipment_tracking_events, by id (ON CONFLICT DO NOTHING);
//   - the row is recomputed from all of the order's stored events by a pure fold (shipment-tracking.fold.ts).
// The order is the unit, not the shipment: ShipmentCancelled carries only the order id.
import { RoutePlanned, ShipmentCancelled, ShipmentDelivered, ShipmentDispatched, Topics } from '@waybill/contracts';
import type { Projection } from '@waybill/read-models';
import { trackShipment, type TrackedEvent } from './shipment-tracking.fold';

export const SHIPMENT_TRACKING = 'shipment_tracking';
export const SHIPMENT_TRACKING_EVENTS = 'shipment_tracking_events';

/** RouteUnavailable is left out: no shipment was planned, so there is nothing to track (the order view says why). */
const TRACKED = new Set([RoutePlanned.type, ShipmentDispatched.type, ShipmentDelivered.type, ShipmentCancelled.type]);

interface StoredEvent {
  event_id: string;
  type: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
}

export const shipmentTrackingProjection: Projection = {
  name: 'shipment-tracking',
  topics: [Topics.routing.events],
  tables: [SHIPMENT_TRACKING_EVENTS, SHIPMENT_TRACKING],

  async apply(view, event) {
    if (!TRACKED.has(event.type)) return;
    const { orderId } = event.payload as { orderId: string };
    const events = view.table(SHIPMENT_TRACKING_EVENTS);
    const tracking = view.table(SHIPMENT_TRACKING);

    // One writer per order: a command applying its own event and the projector applying another event
    // of the same order would otherwise each fold without the other's (uncommitted) event, and the last
    // to commit would win with half the story. (The two-key form keeps clear of the one-key view lock.)
    await view.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [tracking, orderId]);
    const inserted = await view.query(
      `INSERT INTO ${events} (event_id, order_id, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, orderId, event.type, event.occurredAt, JSON.stringify(event.payload)],
    );
    if (inserted.length === 0) return; // seen before: the row was recomputed with it then

    const stored = await view.query<StoredEvent>(`SELECT event_id, type, occurred_at, payload FROM ${events} WHERE order_id = $1`, [orderId]);
    const shipment = trackShipment(stored.map(toTrackedEvent));
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

const toTrackedEvent = (row: StoredEvent): TrackedEvent => ({ id: row.event_id, type: row.type, occurredAt: row.occurred_at.toISOString(), payload: row.payload });
