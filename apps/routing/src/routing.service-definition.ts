import { SERVICE_MESSAGING } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { shipmentTrackingProjection } from './application/projections/shipment-tracking/shipment-tracking.projection';
import { RoutingMigrations } from './migrations';

/** The routing service plans routes over the road network, dispatches and delivers shipments. */
export const routingService: ServiceDefinition = {
  name: 'routing',
  defaultPort: 3002,
  // Declared with the published message catalogue (docs/asyncapi.md), so the two cannot disagree.
  consumes: SERVICE_MESSAGING.routing.consumes,
  // The views its queries read, projected from SERVICE_MESSAGING.routing.projects (routing.events).
  projections: [shipmentTrackingProjection],
  entities: [],
  migrations: RoutingMigrations,
};
