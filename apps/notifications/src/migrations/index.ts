import { CreateInbox1763769500001 } from '@waybill/inbox';
import { CreateOutbox1763769500000 } from '@waybill/outbox';
import { CreateProjectionCheckpoints1763769500003 } from '@waybill/read-models';
import { CreateNotifications1763769600000 } from './1763769600000-create-notifications';
import { CreateCustomerNotificationsView1763769600001 } from './1763769600001-create-customer-notifications-view';

/** In order: the messaging and read-model tables every service has, then its own. Listed explicitly (no glob) so the build, the tests and the migrate command see the same set. */
export const NotificationsMigrations = [
  CreateOutbox1763769500000,
  CreateInbox1763769500001,
  CreateProjectionCheckpoints1763769500003,
  CreateNotifications1763769600000,
  CreateCustomerNotificationsView1763769600001,
];
