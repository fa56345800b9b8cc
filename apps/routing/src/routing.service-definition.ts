import { SERVICE_MESSAGING } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { RoutingMigrations } from './migrations';

/** The routing service plans routes over the road network, dispatches and delivers shipments. */
export const routingService: ServiceDefinition = {
  name: 'routing',
  defaultPort: 3002,
  // Declared with the published message catalogue (docs/asyncapi.md), so the two cannot disagree.
  consumes: SERVICE_MESSAGING.routing.consumes,
  entities: [],
  migrations: RoutingMigrations,
};
