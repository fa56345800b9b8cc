import { SERVICE_MESSAGING } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { CustomerNotificationsProjection } from './application/projections/customer-notifications/customer-notifications.projection';
import { NotificationsMigrations } from './migrations';

/** The notifications service tells the customer what happened to their order, once per fact. */
export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  defaultPort: 3003,
  // Declared with the published message catalogue (docs/asyncapi.md), so the two cannot disagree.
  consumes: SERVICE_MESSAGING.notifications.consumes,
  // Its queries' view, projected from its own notifications.events (SERVICE_MESSAGING.notifications.projects).
  projections: [new CustomerNotificationsProjection()],
  entities: [],
  migrations: NotificationsMigrations,
};
