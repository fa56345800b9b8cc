// An object mother for the domain's tests: a valid piece of news by default, with only what a test is
// about spelled out (`OrderNewsMother.rejected('NO_ROUTE')`).
import { randomUUID } from 'node:crypto';
import type { OrderNews, OrderOfCustomer, RejectionReason } from './order-news';

const anOrder = (order: Partial<OrderOfCustomer> = {}): OrderOfCustomer => ({ orderId: randomUUID(), customerId: 'customer-42', ...order });

export const OrderNewsMother = {
  confirmed: (route: { distanceKm?: number; etaMinutes?: number } = {}, order?: Partial<OrderOfCustomer>): OrderNews => ({
    ...anOrder(order),
    fact: 'ORDER_CONFIRMED',
    distanceKm: route.distanceKm ?? 120,
    etaMinutes: route.etaMinutes ?? 95,
  }),
  rejected: (reason: RejectionReason = 'OUT_OF_STOCK', order?: Partial<OrderOfCustomer>): OrderNews => ({ ...anOrder(order), fact: 'ORDER_REJECTED', reason }),
  cancelled: (order?: Partial<OrderOfCustomer>): OrderNews => ({ ...anOrder(order), fact: 'ORDER_CANCELLED' }),
  dispatched: (order?: Partial<OrderOfCustomer>): OrderNews => ({ ...anOrder(order), fact: 'ORDER_DISPATCHED' }),
  delivered: (order?: Partial<OrderOfCustomer>): OrderNews => ({ ...anOrder(order), fact: 'ORDER_DELIVERED' }),
  /** One of each kind of news: every fact, and a rejection for every reason. */
  everyKind: (order?: Partial<OrderOfCustomer>): OrderNews[] => [
    OrderNewsMother.confirmed({}, order),
    OrderNewsMother.rejected('OUT_OF_STOCK', order),
    OrderNewsMother.rejected('NO_ROUTE', order),
    OrderNewsMother.rejected('TIMEOUT', order),
    OrderNewsMother.cancelled(order),
    OrderNewsMother.dispatched(order),
    OrderNewsMother.delivered(order),
  ],
};
