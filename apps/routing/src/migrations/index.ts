import { CreateInbox1763769500001 } from '@waybill/inbox';
import { CreateOutbox1763769500000 } from '@waybill/outbox';
import { CreateProjectionCheckpoints1763769500003 } from '@waybill/read-models';
import { CreateShipments1763769600000 } from './1763769600000-create-shipments';
import { CreateShipmentTracking1763769600001 } from './1763769600001-create-shipment-tracking';

/** In order: the messaging and read-model tables every service has, then its own. Listed explicitly (no glob) so the build, the tests and the migrate command see the same set. */
export const RoutingMigrations = [
  CreateOutbox1763769500000,
  CreateInbox1763769500001,
  CreateProjectionCheckpoints1763769500003,
  CreateShipments1763769600000,
  CreateShipmentTracking1763769600001,
];
