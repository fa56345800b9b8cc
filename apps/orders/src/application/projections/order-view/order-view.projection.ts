// The order view (docs/patterns/cqrs.md): one row per order, what `GET /orders/{orderId}`, `GET /orders`
// and the operations view answer, projected from the events of all four services. Orders applies its own
// events at once in the transaction that writes them (read-your-writes); the projector applies them
// again from Kafka, with everyone else's, and a rebuild replays them all. Each of those must leave the
// same row, so:
//   - every event of an order is stored once in order_view_events, by id (ON CONFLICT DO NOTHING);
//   - the row is recomputed from all of the order's stored events by a pure fold (order-view.fold.ts).
import { messageName, SERVICE_MESSAGING, type Envelope } from '@waybill/contracts';
import { addToEventSet, type Projection } from '@waybill/read-models';
import { foldOrderView, ORDER_VIEW_MESSAGES, type OrderViewEvent } from './order-view.fold';

export const ORDER_VIEW = 'order_view';
export const ORDER_VIEW_EVENTS = 'order_view_events';

/** By name, version included: a new version of a message is shown only once the fold has been taught it. */
const SHOWN = new Set(ORDER_VIEW_MESSAGES.map((message) => message.name));

export const orderViewProjection: Projection = {
  name: 'order-view',
  topics: SERVICE_MESSAGING.orders.projects,
  tables: [ORDER_VIEW_EVENTS, ORDER_VIEW],

  async apply(view, event) {
    const shown = orderViewEventOf(event);
    if (!shown) return; // StockLevelChanged and the like are about a SKU, not an order
    const { orderId } = shown.payload as { orderId: string };
    // An order's events come from four topics: writers of the view take turns as a whole (event-set.ts says why).
    const events = await addToEventSet(view, event, { table: ORDER_VIEW_EVENTS, keyColumn: 'order_id', key: orderId, serialise: 'whole-view' });
    if (!events) return; // seen before: the row was recomputed with it then

    const row = foldOrderView(events);
    if (!row) return; // its OrderPlaced has not come yet: the events wait, invisible, until it does

    await view.query(
      `INSERT INTO ${view.table(ORDER_VIEW)} (order_id, customer_id, status, placed_at, needs_attention, attention_reason, attention_since, view, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
       ON CONFLICT (order_id) DO UPDATE SET
         customer_id = EXCLUDED.customer_id, status = EXCLUDED.status, placed_at = EXCLUDED.placed_at,
         needs_attention = EXCLUDED.needs_attention, attention_reason = EXCLUDED.attention_reason,
         attention_since = EXCLUDED.attention_since, view = EXCLUDED.view, updated_at = EXCLUDED.updated_at`,
      [row.orderId, row.customerId, row.status, row.placedAt, row.needsAttention, row.attentionReason, row.attentionSince, JSON.stringify(row.view), row.updatedAt],
    );
  },
};

/** The event as the view stores it, or undefined when the view does not show events of its type. */
export function orderViewEventOf(event: Envelope): OrderViewEvent | undefined {
  if (!SHOWN.has(messageName(event))) return undefined;
  return { id: event.id, type: event.type, occurredAt: event.occurredAt, payload: event.payload };
}
