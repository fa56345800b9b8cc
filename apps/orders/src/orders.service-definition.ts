import { Topics } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { OrdersMigrations } from './migrations';

/** The orders service takes orders over HTTP, runs the order-fulfilment saga and answers queries about orders. */
export const ordersService: ServiceDefinition = {
  name: 'orders',
  defaultPort: 3000,
  consumes: [Topics.inventory.events, Topics.routing.events],
  entities: [],
  migrations: OrdersMigrations,
};
