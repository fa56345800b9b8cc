// Orders' public facts: what happened to an order, for anyone who cares (notifications, read models).
import { z } from 'zod';
import { defineMessage, orderId, orderLines } from '../message-definition';
import { Topics } from '../topics';

const customer = { orderId, customerId: z.string().min(1) };

export const OrderPlaced = defineMessage({
  type: 'orders.order-placed',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object({ ...customer, lines: orderLines, destination: z.string().min(1) }).strict(),
});

export const OrderConfirmed = defineMessage({
  type: 'orders.order-confirmed',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object({ ...customer, distanceKm: z.number().nonnegative(), etaMinutes: z.number().int().nonnegative() }).strict(),
});

export const OrderRejected = defineMessage({
  type: 'orders.order-rejected',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object({ ...customer, reason: z.enum(['OUT_OF_STOCK', 'NO_ROUTE', 'TIMEOUT']) }).strict(),
});

export const OrderCancelled = defineMessage({
  type: 'orders.order-cancelled',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object(customer).strict(),
});

export const OrderDispatched = defineMessage({
  type: 'orders.order-dispatched',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object(customer).strict(),
});

export const OrderDelivered = defineMessage({
  type: 'orders.order-delivered',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object(customer).strict(),
});

// The saga's outcome for operators: an order whose compensation kept failing waits for a person
// (docs/patterns/saga.md), until a late answer lets the compensation finish.
export const OrderNeedsAttention = defineMessage({
  type: 'orders.order-needs-attention',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object({ ...customer, reason: z.string().min(1) }).strict(),
});

/** Everything the order had claimed (stock, a shipment) has been given back. */
export const OrderCompensated = defineMessage({
  type: 'orders.order-compensated',
  version: 1,
  kind: 'event',
  topic: Topics.orders.events,
  payload: z.object(customer).strict(),
});

export const OrdersMessages = [OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled, OrderDispatched, OrderDelivered, OrderNeedsAttention, OrderCompensated];
