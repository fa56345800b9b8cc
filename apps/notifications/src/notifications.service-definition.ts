import { Topics } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { NotificationsMigrations } from './migrations';

/** The notifications service tells the customer what happened to their order, once per fact. */
export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  defaultPort: 3003,
  consumes: [Topics.orders.events],
  entities: [],
  migrations: NotificationsMigrations,
};
