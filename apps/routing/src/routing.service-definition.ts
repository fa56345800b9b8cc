import { Topics } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { RoutingMigrations } from './migrations';

/** The routing service plans routes over the road network, dispatches and delivers shipments. */
export const routingService: ServiceDefinition = {
  name: 'routing',
  defaultPort: 3002,
  consumes: [Topics.routing.commands],
  entities: [],
  migrations: RoutingMigrations,
};
