import { CreateInbox1763769500001 } from '@waybill/inbox';
import { CreateOutbox1763769500000 } from '@waybill/outbox';
import { CreateProjectionCheckpoints1763769500003 } from '@waybill/read-models';
import { CreateSagaInstances1763769500002 } from '@waybill/saga';
import { CreateOrders1763769600000 } from './1763769600000-create-orders';
import { CreateOrderView1763769600001 } from './1763769600001-create-order-view';

/** In order: the messaging and read-model tables every service has, then its own. Listed explicitly (no glob) so the build, the tests and the migrate command see the same set. */
export const OrdersMigrations = [
  CreateOutbox1763769500000,
  CreateInbox1763769500001,
  CreateSagaInstances1763769500002,
  CreateProjectionCheckpoints1763769500003,
  CreateOrders1763769600000,
  CreateOrderView1763769600001,
];
