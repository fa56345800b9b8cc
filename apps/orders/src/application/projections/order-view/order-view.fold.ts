// The order as its customer and an operator see it, as a PURE function of the *set* of the order's
// events, whichever service published them (docs/patterns/cqrs.md). The projection stores each event
// once, by id, and recomputes the row with this fold: a duplicate adds nothing, and neither does the
// order the events arrived in. Kafka keeps order only within one topic's partition, so routing's
// RoutePlanned may well be known before orders' own OrderPlaced; a rebuild replays the four topics
// independently of each other.
//
// Hence nothing here asks "what came last?" of arrival: the order's status follows its state machine
// (docs/domain.md) and everything that needs a sequence uses the events' own time, `occurredAt`.
import {
  CustomerNotified,
  OrderCancelled,
  OrderCompensated,
  OrderConfirmed,
  OrderDelivered,
  OrderDispatched,
  OrderNeedsAttention,
  OrderPlaced,
  OrderRejected,
  RoutePlanned,
  RouteUnavailable,
  ShipmentCancelled,
  ShipmentDelivered,
  ShipmentDispatched,
  StockCommitted,
  StockReleased,
  StockReserved,
  StockUnavailable,
  type Envelope,
  type PayloadOf,
} from '@waybill/contracts';
import { TERMINAL_STATUSES, type OrderLine, type OrderStatus, type RejectionReason } from '@waybill/orders-domain';

/** An event of the view, as stored: enough of the envelope to fold. `type` is the message type without its version. */
export type OrderViewEvent = Pick<Envelope, 'id' | 'type' | 'occurredAt' | 'payload'>;

/** The body of `GET /orders/{orderId}` (DESIGN.md, "Public HTTP surface"), with what else the view knows. */
export interface OrderView {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  lines: OrderLine[];
  destination: string;
  rejectionReason?: RejectionReason;
  shipment?: { distanceKm: number; etaMinutes: number; route: string[] };
  /** What inventory was short of, when it could not reserve the lines. */
  missingStock?: Array<{ sku: string; requested: number; available: number }>;
  /** What the customer was told, in the order it was told. */
  notifications: Array<{ at: string; message: string }>;
  /** Everything that happened to the order, on every service, oldest first. */
  history: Array<{ at: string; type: string }>;
  placedAt: string;
}

/** A row of order_view: the body, and the columns lists and the operations view filter on. */
export interface OrderViewRow {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  placedAt: string;
  /** The saga's compensation kept failing and waits for a person, until a late confirmation lets it finish. */
  needsAttention: boolean;
  attentionReason: string | null;
  attentionSince: string | null;
  /** When the latest event happened: the same on every rebuild, unlike the time the row was written. */
  updatedAt: string;
  view: OrderView;
}

/**
 * Every message the order view shows: all the events, on the four topics, that are about one order. In
 * the order an order lives through them, which settles two events of the same millisecond (the
 * OrderRejected and the OrderCompensated of one saga step, say); the event id settles the rest. Any
 * fixed order would keep the fold deterministic; this one also reads right.
 */
export const ORDER_VIEW_MESSAGES = [
  OrderPlaced,
  StockReserved,
  StockUnavailable,
  RoutePlanned,
  RouteUnavailable,
  OrderConfirmed,
  OrderRejected,
  OrderCancelled,
  ShipmentCancelled,
  StockReleased,
  OrderCompensated,
  OrderNeedsAttention,
  ShipmentDispatched,
  OrderDispatched,
  StockCommitted,
  ShipmentDelivered,
  OrderDelivered,
  CustomerNotified,
];
const LIFE_ORDER: ReadonlyMap<string, number> = new Map(ORDER_VIEW_MESSAGES.map((message, index) => [message.type, index]));
const lifeOrderOf = (event: OrderViewEvent): number => LIFE_ORDER.get(event.type) ?? ORDER_VIEW_MESSAGES.length;
const [PLACED, CONFIRMED, REJECTED, CANCELLED, DISPATCHED, DELIVERED] = [OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled, OrderDispatched, OrderDelivered].map(
  (message) => message.type,
);

/** The status each of orders' own facts puts the order in. Other services' events never set it: orders decides. */
const STATUS_AFTER: ReadonlyMap<string, OrderStatus> = new Map([
  [PLACED, 'PENDING'],
  [CONFIRMED, 'CONFIRMED'],
  [DISPATCHED, 'DISPATCHED'],
  [DELIVERED, 'DELIVERED'],
  [REJECTED, 'REJECTED'],
  [CANCELLED, 'CANCELLED'],
]);
/** Along PENDING → CONFIRMED → DISPATCHED → DELIVERED the furthest wins; a terminal status beats them all. */
const progressOf = (status: OrderStatus): number => (TERMINAL_STATUSES.includes(status) ? 4 : ['PENDING', 'CONFIRMED', 'DISPATCHED'].indexOf(status));

/** The view of the order the events tell of, or undefined while its OrderPlaced is unknown: who and what are only in there. */
export function foldOrderView(events: readonly OrderViewEvent[]): OrderViewRow | undefined {
  const history = inLifeOrder(events);
  const placed = history.find((event) => event.type === PLACED);
  if (!placed) return undefined;
  const { orderId, customerId, lines, destination } = placed.payload as PayloadOf<typeof OrderPlaced>;
  const last = <Payload>(type: string) => history.filter((event) => event.type === type).at(-1) as (OrderViewEvent & { payload: Payload }) | undefined;

  // Among terminal statuses (only one can really happen) the latest is taken, so even impossible input folds the same way every time.
  let status: OrderStatus = 'PENDING';
  for (const event of history) {
    const after = STATUS_AFTER.get(event.type);
    if (after && progressOf(after) >= progressOf(status)) status = after;
  }

  const rejected = last<PayloadOf<typeof OrderRejected>>(REJECTED);
  // A rejected order never ships: a RoutePlanned it still got (an answer after its TIMEOUT) is not its shipment.
  const planned = status === 'REJECTED' ? undefined : last<PayloadOf<typeof RoutePlanned>>(RoutePlanned.type);
  const unavailable = last<PayloadOf<typeof StockUnavailable>>(StockUnavailable.type);
  const attention = attentionOf(history);

  const view: OrderView = {
    orderId,
    customerId,
    status,
    lines,
    destination,
    ...(status === 'REJECTED' && rejected && { rejectionReason: rejected.payload.reason }),
    ...(planned && { shipment: { distanceKm: planned.payload.distanceKm, etaMinutes: planned.payload.etaMinutes, route: planned.payload.route } }),
    ...(unavailable && { missingStock: unavailable.payload.missing }),
    notifications: history
      .filter((event) => event.type === CustomerNotified.type)
      .map((event) => ({ at: event.occurredAt, message: (event.payload as PayloadOf<typeof CustomerNotified>).message })),
    history: history.map((event) => ({ at: event.occurredAt, type: historyType(event.type) })),
    placedAt: placed.occurredAt,
  };
  return {
    orderId,
    customerId,
    status,
    placedAt: placed.occurredAt,
    needsAttention: attention !== undefined,
    attentionReason: attention?.reason ?? null,
    attentionSince: attention?.since ?? null,
    updatedAt: history.at(-1)!.occurredAt,
    view,
  };
}

/** `orders.order-placed` → `OrderPlaced`: the fact's name, whichever service it comes from. */
export const historyType = (type: string): string =>
  type
    .slice(type.indexOf('.') + 1)
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** One copy of each event (by id), oldest first, with normalised times; same-millisecond ties in life order, then by id. */
function inLifeOrder(events: readonly OrderViewEvent[]): OrderViewEvent[] {
  const unique = new Map(events.map((event) => [event.id, { ...event, occurredAt: new Date(event.occurredAt).toISOString() }]));
  return [...unique.values()].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || lifeOrderOf(a) - lifeOrderOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Whether the saga waits for a person: the later of its last OrderNeedsAttention and its last
 * OrderCompensated decides (a late confirmation lets a stuck compensation finish). Since the first
 * OrderNeedsAttention not followed by an OrderCompensated.
 */
function attentionOf(history: readonly OrderViewEvent[]): { reason: string; since: string } | undefined {
  const outcomes = history.filter((event) => event.type === OrderNeedsAttention.type || event.type === OrderCompensated.type);
  const lastCompensated = outcomes.map((event) => event.type).lastIndexOf(OrderCompensated.type);
  const stuck = outcomes.slice(lastCompensated + 1);
  if (stuck.length === 0) return undefined;
  return { reason: (stuck.at(-1)!.payload as PayloadOf<typeof OrderNeedsAttention>).reason, since: stuck[0]!.occurredAt };
}
