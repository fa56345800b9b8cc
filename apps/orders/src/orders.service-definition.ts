import { SERVICE_MESSAGING } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { orderViewProjection } from './application/projections/order-view/order-view.projection';
import { OrdersMigrations } from './migrations';

/** The orders service takes orders over HTTP, runs the order-fulfilment saga and answers queries about orders. */
export const ordersService: ServiceDefinition = {
  name: 'orders',
  defaultPort: 3000,
  // Declared with the published message catalogue (docs/asyncapi.md), so the two cannot disagree.
  consumes: SERVICE_MESSAGING.orders.consumes,
  entities: [],
  migrations: OrdersMigrations,
  // What GET /orders and GET /orders/{orderId} read: projected from all four services' events (docs/patterns/cqrs.md).
  projections: [orderViewProjection],
};
