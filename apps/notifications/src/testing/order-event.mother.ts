// An object mother for orders' facts as they arrive on orders.events: valid envelopes (built through the
// contracts, so they are exactly what orders publishes), with only what a test is about spelled out.
import { randomUUID } from 'node:crypto';
import {
  newFlow,
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderDispatched,
  OrderPlaced,
  OrderRejected,
  type Envelope,
} from '@waybill/contracts';
import type { RejectionReason } from '@waybill/notifications-domain';

export interface AnOrder {
  orderId: string;
  customerId: string;
}

export const anOrder = (order: Partial<AnOrder> = {}): AnOrder => ({ orderId: randomUUID(), customerId: `customer-${randomUUID().slice(0, 8)}`, ...order });

/** Every message of one order's flow shares its correlation id (the order id, as orders does it). */
const flowOf = (order: AnOrder) => newFlow(order.orderId);

export const OrderEventMother = {
  placed: (order = anOrder()) =>
    OrderPlaced.create({ ...order, lines: [{ sku: 'SKU-1', quantity: 2 }], destination: 'Leeds' }, flowOf(order)),
  confirmed: (order = anOrder(), route: { distanceKm?: number; etaMinutes?: number } = {}) =>
    OrderConfirmed.create({ ...order, distanceKm: route.distanceKm ?? 120, etaMinutes: route.etaMinutes ?? 95 }, flowOf(order)),
  rejected: (reason: RejectionReason = 'OUT_OF_STOCK', order = anOrder()) => OrderRejected.create({ ...order, reason }, flowOf(order)),
  cancelled: (order = anOrder()) => OrderCancelled.create(order, flowOf(order)),
  dispatched: (order = anOrder()) => OrderDispatched.create(order, flowOf(order)),
  delivered: (order = anOrder()) => OrderDelivered.create(order, flowOf(order)),

  /**
   * The same fact under a new message id, as when an operator replays a dead letter (tools/dlq): the inbox
   * has never seen this id, so only the notification log's unique key can stop a second notification.
   */
  republished: <Payload>(envelope: Envelope<Payload>): Envelope<Payload> => ({ ...envelope, id: randomUUID(), causationId: envelope.id }),
};
